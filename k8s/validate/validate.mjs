// Renders every overlay under k8s/overlays with kustomize and validates what comes out:
//  1. rendering: `kubectl kustomize` (kustomize v5, needed on the PATH); every patch of an overlay
//     must hit something: its target matches a resource and the paths it replaces or removes exist
//     (kustomize itself would match nothing silently, or add what a replace misses);
//  2. every Kubernetes document against its schema (kubernetes-models: types, required fields,
//     enums) and against its declared fields (strict-fields.mjs: no unknown or misspelt fields);
//  3. the operators' resources (CloudNativePG, Keycloak) for their required fields (operators.mjs);
//  4. references between documents and the deployment rules of issue 8 (security context, probes,
//     resources, read-only root file system);
//  5. issue 13 (data-access.mjs): NetworkPolicies around PostgreSQL, the pooler and Keycloak, the
//     connection budget, body limits per path, no public Keycloak admin console; issue 26: egress to
//     the SMTP relay's port;
//  6. issue 28 (in-cluster-trust.mjs): TLS from the API to Keycloak (certificate from a Secret, cert-manager
//     where the overlay has it, the CA trusted from a mounted Secret), callbacks' secrets from Secrets.
// The rendered overlays are written to target/k8s/<overlay>.yaml. Exit code 1 on any problem.
//
//   node k8s/validate/validate.mjs

import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, stringify } from "yaml";
import { unknownFields } from "./strict-fields.mjs";
import { operatorProblems } from "./operators.mjs";
import { dataAccessProblems, operatorPodLabels } from "./data-access.mjs";
import { inClusterTrustProblems } from "./in-cluster-trust.mjs";

// Secrets an administrator creates by hand (docs/operations.md, "Deploy to Kubernetes"); never committed.
const HAND_MADE_SECRETS = new Set(["otklik-secrets"]);

const here = path.dirname(fileURLToPath(import.meta.url));
const k8sRoot = path.resolve(here, "..");
const projectRoot = path.resolve(k8sRoot, "..");
const outputDir = path.join(projectRoot, "target", "k8s");

const KUSTOMIZE_MAJOR = 5;

/** Stops with a clear message unless a kubectl with kustomize v5 or newer is on the PATH. */
function requireKustomize() {
  let kustomize;
  try {
    const version = execFileSync("kubectl", ["version", "--client", "-o", "json"], { encoding: "utf8" });
    kustomize = JSON.parse(version).kustomizeVersion ?? "";
  } catch (error) {
    console.error(`k8s validation needs kubectl (with kustomize v${KUSTOMIZE_MAJOR}) on the PATH to render the overlays: `
      + `${error.code === "ENOENT" ? "kubectl not found" : error.message.trim()}. Install kubectl 1.27 or newer.`);
    process.exit(1);
  }
  const major = Number(/^v(\d+)\./.exec(kustomize)?.[1]);
  if (!(major >= KUSTOMIZE_MAJOR)) {
    console.error(`k8s validation needs kubectl with kustomize v${KUSTOMIZE_MAJOR} or newer; this kubectl has `
      + `kustomize ${kustomize || "(unknown)"}, which lacks \`labels\` and \`patches\`. Install kubectl 1.27 or newer.`);
    process.exit(1);
  }
  return kustomize;
}

function kustomize(dir) {
  const text = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return parseYaml(text, dir);
}

function parseYaml(text, where) {
  const docs = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length > 0) {
      throw new Error(`${where}: ${document.errors[0].message}`);
    }
    const value = document.toJS({ maxAliasCount: -1 });
    if (value !== null && value !== undefined) {
      docs.push(value);
    }
  }
  return docs;
}

/** The documents an overlay's patches apply to: its resources (directories rendered by kustomize). */
function patchInputs(overlay, kustomization) {
  return (kustomization.resources ?? []).flatMap((entry) => {
    const target = path.resolve(overlay, entry);
    return fs.statSync(target).isDirectory() ? kustomize(target) : parseYaml(fs.readFileSync(target, "utf8"), target);
  });
}

const unescape = (token) => token.replace(/~1/g, "/").replace(/~0/g, "~");

function pointerExists(doc, pointer) {
  let node = doc;
  for (const token of pointer.slice(1).split("/").map(unescape)) {
    if (node === null || typeof node !== "object" || !(Array.isArray(node) ? Number(token) < node.length : token in node)) {
      return false;
    }
    node = node[Array.isArray(node) ? Number(token) : token];
  }
  return true;
}

/** Patches that match no resource, or replace or remove a path their target lacks. */
function patchProblems(overlay, overlayName) {
  const file = path.join(overlay, "kustomization.yaml");
  const [kustomization] = parseYaml(fs.readFileSync(file, "utf8"), file);
  const patches = kustomization.patches ?? [];
  if (patches.length === 0) {
    return [];
  }
  const inputs = patchInputs(overlay, kustomization);
  const problems = [];
  for (const patch of patches) {
    const target = patch.target ?? {};
    const matches = inputs.filter((doc) => {
      const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
      return (!target.kind || doc.kind === target.kind) && (!target.name || doc.metadata.name === target.name)
        && (target.group === undefined || group === target.group) && (!target.version || version === target.version);
    });
    if (matches.length === 0) {
      problems.push(`${overlayName}: patch target ${JSON.stringify(target)} matches no resource`);
      continue;
    }
    const operations = patch.path ? parseYaml(fs.readFileSync(path.resolve(overlay, patch.path), "utf8"), patch.path)[0]
      : parseYaml(patch.patch ?? "", file)[0];
    for (const operation of Array.isArray(operations) ? operations : []) {
      if (operation.op !== "replace" && operation.op !== "remove") {
        continue;
      }
      for (const doc of matches.filter((d) => !pointerExists(d, operation.path))) {
        problems.push(`${overlayName}: patch ${operation.op} of missing '${operation.path}' in ${doc.kind}/${doc.metadata.name}`);
      }
    }
  }
  return problems;
}

/** kubernetes-models module of an apiVersion: "apps/v1" -> "apps/v1", "v1" -> "v1". */
async function modelClass(doc) {
  try {
    const module = await import(`kubernetes-models/${doc.apiVersion}`);
    return module[doc.kind] ? { Model: module[doc.kind], module: doc.apiVersion } : null;
  } catch {
    return null;
  }
}

function podSpecRules(doc, problems) {
  const where = `${doc.kind}/${doc.metadata.name}`;
  const pod = doc.spec.template.spec;
  const check = (condition, message) => condition || problems.push(`${where}: ${message}`);
  check(pod.securityContext?.runAsNonRoot === true, "pod securityContext.runAsNonRoot must be true");
  check(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "pod seccompProfile must be RuntimeDefault");
  for (const container of pod.containers) {
    const c = `container ${container.name}`;
    const sc = container.securityContext ?? {};
    check(sc.allowPrivilegeEscalation === false, `${c}: allowPrivilegeEscalation must be false`);
    check(sc.readOnlyRootFilesystem === true, `${c}: readOnlyRootFilesystem must be true`);
    check(JSON.stringify(sc.capabilities?.drop) === JSON.stringify(["ALL"]), `${c}: capabilities must drop ALL`);
    check(sc.privileged !== true, `${c}: must not be privileged`);
    for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
      check(container[probe]?.httpGet?.path?.startsWith("/q/health/"), `${c}: ${probe} must call /q/health/*`);
    }
    for (const kind of ["requests", "limits"]) {
      check(container.resources?.[kind]?.cpu && container.resources?.[kind]?.memory, `${c}: resources.${kind} needs cpu and memory`);
    }
    const mounts = new Set((container.volumeMounts ?? []).map((m) => m.mountPath));
    check(mounts.has("/tmp"), `${c}: needs a writable /tmp (emptyDir) with a read-only root file system`);
    check(!/:latest$/.test(container.image) && container.image.includes(":"), `${c}: image needs a pinned tag`);
  }
  const config = shutdownConfig.get(doc) ?? {};
  const shutdown = (config.OTKLIK_SHUTDOWN_DELAY ?? 0) + (config.OTKLIK_SHUTDOWN_TIMEOUT ?? 30);
  check((pod.terminationGracePeriodSeconds ?? 30) > shutdown,
    `terminationGracePeriodSeconds must exceed the shutdown delay + timeout (${shutdown} s)`);
}

const shutdownConfig = new Map(); // Deployment -> shutdown settings from its ConfigMap
const seconds = (text) => {
  const match = /^(\d+)s$/.exec(String(text ?? "").trim());
  return match ? Number(match[1]) : undefined;
};

function crossReferences(docs, problems, overlayName) {
  const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const generatedSecrets = new Set(docs.filter((d) => d.kind === "Cluster").map((d) => `${d.metadata.name}-app`));
  const generatedServices = new Set([
    ...docs.filter((d) => d.kind === "Keycloak").map((d) => `${d.metadata.name}-service`),
    ...docs.filter((d) => d.kind === "Cluster").flatMap((d) => ["rw", "ro", "r"].map((s) => `${d.metadata.name}-${s}`)),
  ]);
  const check = (condition, message) => condition || problems.push(`${overlayName}: ${message}`);
  const namespaces = new Set(docs.filter((d) => d.kind !== "Namespace").map((d) => d.metadata.namespace));
  check(namespaces.size === 1 && !namespaces.has(undefined), `every resource needs the overlay's namespace (${[...namespaces]})`);
  check(docs.some((d) => d.kind === "Namespace" && namespaces.has(d.metadata.name)), "the overlay must create its namespace");

  for (const deployment of docs.filter((d) => d.kind === "Deployment")) {
    const podLabels = deployment.spec.template.metadata?.labels ?? {};
    const selects = (selector) => Object.entries(selector ?? {}).every(([k, v]) => podLabels[k] === v);
    check(selects(deployment.spec.selector.matchLabels), `Deployment/${deployment.metadata.name}: selector does not match its pods`);
    const config = {};
    for (const container of deployment.spec.template.spec.containers) {
      for (const source of container.envFrom ?? []) {
        if (source.configMapRef) {
          const configMap = find("ConfigMap", source.configMapRef.name);
          check(configMap || source.configMapRef.optional, `ConfigMap ${source.configMapRef.name} is missing`);
          Object.assign(config, configMap?.data ?? {});
        }
      }
      for (const variable of container.env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        if (ref) {
          check(find("Secret", ref.name) || generatedSecrets.has(ref.name) || HAND_MADE_SECRETS.has(ref.name) || ref.optional,
            `Secret ${ref.name} (env ${variable.name}) is neither in the overlay nor generated by a CloudNativePG Cluster`);
        }
      }
    }
    shutdownConfig.set(deployment, {
      OTKLIK_SHUTDOWN_DELAY: seconds(config.OTKLIK_SHUTDOWN_DELAY),
      OTKLIK_SHUTDOWN_TIMEOUT: seconds(config.OTKLIK_SHUTDOWN_TIMEOUT),
    });
    for (const service of docs.filter((d) => d.kind === "Service")) {
      if (selects(service.spec.selector) && service.spec.selector) {
        for (const port of service.spec.ports) {
          const named = deployment.spec.template.spec.containers.some((c) =>
            (c.ports ?? []).some((p) => p.name === port.targetPort || p.containerPort === port.targetPort));
          check(named, `Service/${service.metadata.name}: targetPort ${port.targetPort} is no container port`);
        }
      }
    }
  }
  for (const doc of docs.filter((d) => d.kind === "HorizontalPodAutoscaler")) {
    const target = doc.spec.scaleTargetRef;
    check(find(target.kind, target.name), `HorizontalPodAutoscaler/${doc.metadata.name}: target ${target.kind}/${target.name} is missing`);
    check(doc.spec.minReplicas <= doc.spec.maxReplicas, `HorizontalPodAutoscaler/${doc.metadata.name}: minReplicas > maxReplicas`);
  }
  const podLabelSets = [...docs.filter((d) => d.kind === "Deployment" || d.kind === "Job").map((d) => d.spec.template.metadata.labels),
    ...operatorPodLabels(docs)];
  for (const doc of docs.filter((d) => d.kind === "PodDisruptionBudget" || d.kind === "NetworkPolicy")) {
    const selector = doc.kind === "NetworkPolicy" ? doc.spec.podSelector.matchLabels : doc.spec.selector.matchLabels;
    check(podLabelSets.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v)),
      `${doc.kind}/${doc.metadata.name}: selects no pods of the overlay`);
  }
  for (const policy of docs.filter((d) => d.kind === "NetworkPolicy")) {
    for (const rule of policy.spec.egress ?? []) {
      for (const peer of rule.to ?? []) {
        const cluster = peer.podSelector?.matchLabels?.["cnpg.io/cluster"];
        if (cluster) {
          check(find("Cluster", cluster), `NetworkPolicy/${policy.metadata.name}: egress to unknown CloudNativePG cluster ${cluster}`);
        }
        const instance = peer.podSelector?.matchLabels?.["app.kubernetes.io/instance"];
        if (peer.podSelector?.matchLabels?.app === "keycloak") {
          check(find("Keycloak", instance), `NetworkPolicy/${policy.metadata.name}: egress to unknown Keycloak ${instance}`);
        }
      }
    }
  }
  const appServices = new Set(docs.filter((d) => d.kind === "Service" && podLabelSets.some((labels) =>
    Object.entries(d.spec.selector ?? {}).every(([k, v]) => labels[k] === v))).map((d) => d.metadata.name));
  for (const ingress of docs.filter((d) => d.kind === "Ingress")) {
    check((ingress.spec.tls ?? []).length > 0, `Ingress/${ingress.metadata.name}: needs TLS`);
    const tlsHosts = new Set((ingress.spec.tls ?? []).flatMap((t) => t.hosts ?? []));
    for (const rule of ingress.spec.rules ?? []) {
      check(tlsHosts.has(rule.host), `Ingress/${ingress.metadata.name}: host ${rule.host} has no TLS`);
      for (const route of rule.http.paths) {
        const name = route.backend.service.name;
        check(find("Service", name) || generatedServices.has(name), `Ingress/${ingress.metadata.name}: unknown service ${name}`);
        if (appServices.has(name)) {
          check(!route.path.startsWith("/q/health") && !route.path.startsWith("/q/metrics") && route.path !== "/",
            `Ingress/${ingress.metadata.name}: ${route.path} would publish Otklik's health and metrics endpoints`);
        }
      }
    }
  }
  for (const backup of docs.filter((d) => d.kind === "ScheduledBackup")) {
    const cluster = find("Cluster", backup.spec.cluster.name);
    check(cluster?.spec?.backup, `ScheduledBackup/${backup.metadata.name}: cluster ${backup.spec.cluster.name} has no backup section`);
    const store = cluster?.spec?.backup?.barmanObjectStore;
    if (store) {
      for (const part of ["wal", "data"]) {
        check(["AES256", "aws:kms"].includes(store[part]?.encryption),
          `Cluster/${cluster.metadata.name}: backup.barmanObjectStore.${part}.encryption must be AES256 or aws:kms (server-side encryption)`);
      }
    }
  }
  // The rate limiter believes X-Forwarded-For only from the ingress controller: never a whole private range.
  for (const configMap of docs.filter((d) => d.kind === "ConfigMap" && d.data?.OTKLIK_TRUSTED_PROXIES !== undefined)) {
    const ranges = configMap.data.OTKLIK_TRUSTED_PROXIES.split(",").map((r) => r.trim());
    for (const range of ranges) {
      const prefix = Number(range.split("/")[1] ?? 32);
      check(!["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "0.0.0.0/0", "::/0", "fc00::/7"].includes(range) && prefix >= 16,
        `ConfigMap/${configMap.metadata.name}: OTKLIK_TRUSTED_PROXIES ${range} is wider than an ingress controller's range (/16 at most)`);
    }
  }
  for (const realm of docs.filter((d) => d.kind === "KeycloakRealmImport")) {
    check(find("Keycloak", realm.spec.keycloakCRName), `KeycloakRealmImport/${realm.metadata.name}: unknown Keycloak ${realm.spec.keycloakCRName}`);
  }
}

const kustomizeVersion = requireKustomize();
const overlaysDir = path.join(k8sRoot, "overlays");
const overlays = fs.readdirSync(overlaysDir).filter((name) => fs.statSync(path.join(overlaysDir, name)).isDirectory());
const problems = [];
let validated = 0;
fs.mkdirSync(outputDir, { recursive: true });

for (const overlayName of overlays) {
  const overlay = path.join(overlaysDir, overlayName);
  let docs;
  try {
    docs = kustomize(overlay);
    problems.push(...patchProblems(overlay, overlayName));
  } catch (error) {
    problems.push(`${overlayName}: cannot render: ${(error.stderr || error.message).toString().trim()}`);
    continue;
  }
  fs.writeFileSync(path.join(outputDir, `${overlayName}.yaml`), docs.map((d) => stringify(d)).join("---\n"));
  crossReferences(docs, problems, overlayName);
  problems.push(...dataAccessProblems(docs, projectRoot, overlayName));
  problems.push(...inClusterTrustProblems(docs, overlayName));
  for (const doc of docs) {
    const where = `${overlayName}: ${doc.kind}/${doc.metadata?.name}`;
    const operator = operatorProblems(doc);
    if (operator) {
      problems.push(...operator.map((p) => `${overlayName}: ${p}`));
    } else {
      const model = await modelClass(doc);
      if (!model) {
        problems.push(`${where}: ${doc.apiVersion} ${doc.kind} is neither a Kubernetes API type nor a known operator resource`);
        continue;
      }
      try {
        new model.Model(doc).validate();
      } catch (error) {
        problems.push(`${where}: ${error.message}`);
      }
      problems.push(...unknownFields(doc, model.module).map((p) => `${where}: ${p}`));
    }
    if (doc.kind === "Deployment") {
      const rules = [];
      podSpecRules(doc, rules);
      problems.push(...rules.map((p) => `${overlayName}: ${p}`));
    }
    validated++;
  }
  console.log(`   ${overlayName}: ${docs.length} documents rendered by kustomize ${kustomizeVersion}`
    + `, written to ${path.relative(projectRoot, path.join(outputDir, overlayName + ".yaml"))}`);
}

if (problems.length > 0) {
  console.error(problems.map((p) => `   PROBLEM ${p}`).join("\n"));
  console.error(`k8s validation: ${problems.length} problem(s) in ${overlays.length} overlays`);
  process.exit(1);
}
console.log(`k8s validation: ${validated} documents in ${overlays.length} overlays valid`);
