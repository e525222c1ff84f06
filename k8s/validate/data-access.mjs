// Checks of issue 13 over a rendered overlay: who reaches the databases and Keycloak, the connection
// budget (API pods x pool <= pooler <= PostgreSQL), the request body limits per path, and that
// Keycloak's admin console is not published.

import fs from "node:fs";
import path from "node:path";

const OPERATOR_NAMESPACE = "cnpg-system";
const INGRESS_NAMESPACE = "ingress-nginx";

const labelsMatch = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v) && Object.keys(selector ?? {}).length > 0;

/** Labels the operators put on the pods of their resources (matched by NetworkPolicies). */
export function operatorPodLabels(docs) {
  return [
    ...docs.filter((d) => d.kind === "Cluster").map((d) => ({ "cnpg.io/cluster": d.metadata.name })),
    ...docs.filter((d) => d.kind === "Pooler").map((d) => ({ "cnpg.io/poolerName": d.metadata.name })),
    ...docs.filter((d) => d.kind === "Keycloak").map((d) => ({ app: "keycloak", "app.kubernetes.io/instance": d.metadata.name })),
  ];
}

/** Sizes in nginx's ("64k", "4m") or Quarkus' ("64K", "4M") notation, in bytes. */
function bytes(size) {
  const match = /^(\d+)([kKmMgG]?)$/.exec(String(size ?? "").trim());
  if (!match) {
    return undefined;
  }
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase()];
  return Number(match[1]) * unit;
}

function applicationProperties(projectRoot) {
  const text = fs.readFileSync(path.join(projectRoot, "src/main/resources/application.properties"), "utf8");
  const properties = {};
  for (const line of text.split("\n")) {
    const match = /^([a-z][^=%#\s]*)=(.*)$/.exec(line.trim());
    if (match) {
      properties[match[1]] = match[2].replace(/\$\{[^:}]+:([^}]*)\}/g, "$1");
    }
  }
  return properties;
}

export function dataAccessProblems(docs, projectRoot, overlayName) {
  const problems = [];
  const check = (condition, message) => condition || problems.push(`${overlayName}: ${message}`);
  const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const policies = docs.filter((d) => d.kind === "NetworkPolicy");
  const deployments = docs.filter((d) => d.kind === "Deployment");
  // The API's pods and the migration Job's (issue 29) are the application's.
  const appPods = [...deployments, ...docs.filter((d) => d.kind === "Job")].map((d) => d.spec.template.metadata.labels);
  const isAppPeer = (peer) => !peer.namespaceSelector && appPods.some((labels) => labelsMatch(peer.podSelector?.matchLabels, labels));
  const isNamespacePeer = (peer, namespace, name) =>
    peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === namespace
    && peer.podSelector?.matchLabels?.["app.kubernetes.io/name"] === name;
  const podsOf = (labels) => (peer) => !peer.namespaceSelector && labelsMatch(peer.podSelector?.matchLabels, labels);
  const ingressPolicyFor = (labels) => policies.filter((p) => (p.spec.policyTypes ?? []).includes("Ingress")
    && labelsMatch(p.spec.podSelector?.matchLabels, labels));

  /** Every peer of every ingress rule of the policies guarding `labels` must be allowed. */
  const onlyFrom = (what, labels, allowed) => {
    const guarding = ingressPolicyFor(labels);
    check(guarding.length > 0, `${what}: no NetworkPolicy restricts who reaches it`);
    for (const policy of guarding) {
      for (const rule of policy.spec.ingress ?? []) {
        check((rule.from ?? []).length > 0, `NetworkPolicy/${policy.metadata.name}: a rule without 'from' lets everyone reach ${what}`);
        for (const peer of rule.from ?? []) {
          check(!peer.ipBlock && allowed.some((allow) => allow(peer)),
            `NetworkPolicy/${policy.metadata.name}: ${JSON.stringify(peer)} may reach ${what}`);
        }
      }
    }
  };

  // PostgreSQL clusters: own replicas, the operator, and their one client (a pooler of the cluster, or Keycloak).
  const operator = (peer) => isNamespacePeer(peer, OPERATOR_NAMESPACE, "cloudnative-pg");
  for (const cluster of docs.filter((d) => d.kind === "Cluster")) {
    const own = podsOf({ "cnpg.io/cluster": cluster.metadata.name });
    const poolers = docs.filter((d) => d.kind === "Pooler" && d.spec.cluster.name === cluster.metadata.name);
    const keycloaks = docs.filter((d) => d.kind === "Keycloak" && d.spec.db?.host === `${cluster.metadata.name}-rw`);
    const clients = [...poolers.map((p) => podsOf({ "cnpg.io/poolerName": p.metadata.name })),
      ...keycloaks.map((k) => podsOf({ app: "keycloak", "app.kubernetes.io/instance": k.metadata.name }))];
    check(clients.length > 0, `Cluster/${cluster.metadata.name}: neither a pooler nor Keycloak uses it`);
    onlyFrom(`Cluster/${cluster.metadata.name}`, { "cnpg.io/cluster": cluster.metadata.name }, [own, operator, ...clients]);
  }
  for (const pooler of docs.filter((d) => d.kind === "Pooler")) {
    check(pooler.spec.pgbouncer?.poolMode === "transaction", `Pooler/${pooler.metadata.name}: poolMode must be transaction`);
    onlyFrom(`Pooler/${pooler.metadata.name}`, { "cnpg.io/poolerName": pooler.metadata.name }, [isAppPeer]);
  }
  for (const keycloak of docs.filter((d) => d.kind === "Keycloak")) {
    const labels = { app: "keycloak", "app.kubernetes.io/instance": keycloak.metadata.name };
    onlyFrom(`Keycloak/${keycloak.metadata.name}`, labels,
      [isAppPeer, (peer) => isNamespacePeer(peer, INGRESS_NAMESPACE, "ingress-nginx"), podsOf(labels)]);
  }

  // The API reaches PostgreSQL through a pooler only.
  const properties = applicationProperties(projectRoot);
  for (const deployment of deployments) {
    const container = deployment.spec.template.spec.containers[0];
    const host = (container.env ?? []).find((e) => e.name === "OTKLIK_DB_HOST");
    const pooler = find("Pooler", host?.value);
    check(pooler, `Deployment/${deployment.metadata.name}: OTKLIK_DB_HOST must name a Pooler (is ${JSON.stringify(host?.value ?? host?.valueFrom)})`);
    for (const policy of policies.filter((p) => labelsMatch(p.spec.podSelector?.matchLabels, deployment.spec.template.metadata.labels))) {
      for (const rule of policy.spec.egress ?? []) {
        for (const peer of rule.to ?? []) {
          check(!peer.podSelector?.matchLabels?.["cnpg.io/cluster"],
            `NetworkPolicy/${policy.metadata.name}: the API may reach PostgreSQL past the pooler`);
        }
      }
    }
    if (!pooler) {
      continue;
    }
    // Connection budget.
    const hpa = docs.find((d) => d.kind === "HorizontalPodAutoscaler" && d.spec.scaleTargetRef.name === deployment.metadata.name);
    const surge = Number(deployment.spec.strategy?.rollingUpdate?.maxSurge ?? 1);
    const pods = (hpa?.spec.maxReplicas ?? deployment.spec.replicas ?? 1) + (Number.isInteger(surge) ? surge : 1);
    const config = {};
    for (const source of container.envFrom ?? []) {
      Object.assign(config, find("ConfigMap", source.configMapRef?.name)?.data ?? {});
    }
    const reactive = Number(config.OTKLIK_DB_POOL_SIZE ?? properties["quarkus.datasource.reactive.max-size"]);
    const jdbc = Number(properties["quarkus.datasource.jdbc.max-size"] ?? 20);
    const parameters = pooler.spec.pgbouncer.parameters ?? {};
    const clients = pods * (reactive + jdbc);
    check(clients <= Number(parameters.max_client_conn ?? 100),
      `${pods} API pods x (${reactive} + ${jdbc}) = ${clients} connections exceed Pooler/${pooler.metadata.name} max_client_conn ${parameters.max_client_conn ?? 100}`);
    const cluster = find("Cluster", pooler.spec.cluster.name);
    const server = (pooler.spec.instances ?? 1) * (Number(parameters.default_pool_size ?? 20) + Number(parameters.reserve_pool_size ?? 0));
    const postgres = cluster?.spec.postgresql?.parameters ?? {};
    const budget = Number(postgres.max_connections ?? 100) - Number(postgres.superuser_reserved_connections ?? 3);
    check(server <= budget, `Pooler/${pooler.metadata.name}: ${server} server connections exceed ${budget} (max_connections - reserved)`);
    // Through transaction pooling: unnamed statements in one batch (layer-7 proxy mode, not cached), or named
    // cached ones that PgBouncer >= 1.21 re-prepares (max_prepared_statements).
    const unnamed = config.OTKLIK_DB_CACHE_PREPARED_STATEMENTS === "false" && config.OTKLIK_DB_LAYER7_PROXY === "true"
      && config.OTKLIK_DB_PIPELINING_LIMIT === "1";
    const tracked = config.OTKLIK_DB_CACHE_PREPARED_STATEMENTS !== "false" && config.OTKLIK_DB_LAYER7_PROXY !== "true"
      && Number(parameters.max_prepared_statements ?? 0) > 0;
    check(unnamed || tracked, `Pooler/${pooler.metadata.name}: in transaction mode the API needs OTKLIK_DB_CACHE_PREPARED_STATEMENTS=false`
      + ` with OTKLIK_DB_LAYER7_PROXY=true and OTKLIK_DB_PIPELINING_LIMIT=1, or cached statements with max_prepared_statements > 0`);
  }

  // Residents' mails: the API pods may reach the SMTP relay's port (OTKLIK_SMTP_PORT, else the application's).
  for (const deployment of deployments) {
    const config = {};
    for (const source of deployment.spec.template.spec.containers[0].envFrom ?? []) {
      Object.assign(config, find("ConfigMap", source.configMapRef?.name)?.data ?? {});
    }
    const defaultPort = /:(\d+)}$/.exec(properties["quarkus.mailer.port"] ?? "")?.[1];
    const smtpPort = Number(config.OTKLIK_SMTP_PORT ?? defaultPort);
    const egress = policies.filter((p) => (p.spec.policyTypes ?? []).includes("Egress")
      && labelsMatch(p.spec.podSelector?.matchLabels, deployment.spec.template.metadata.labels));
    check(egress.length === 0 || egress.some((p) => (p.spec.egress ?? []).some((rule) => (rule.ports ?? [])
      .some((port) => (port.protocol ?? "TCP") === "TCP" && Number(port.port) === smtpPort))),
      `Deployment/${deployment.metadata.name}: no NetworkPolicy lets it reach the SMTP relay on port ${smtpPort}`);
  }

  // Body limits per path, as the application has them: 64 KiB, the bulk paths, the photo upload paths.
  const limit = bytes(properties["otklik.http.body-limit"]);
  const bulkLimit = bytes(properties["otklik.http.bulk-body-limit"]);
  const uploadLimit = bytes(properties["otklik.http.upload-body-limit"] ?? "16M");
  const bulkPaths = new Set((properties["otklik.http.bulk-paths"] ?? "/api/v1/ingest/social").split(",").map((p) => p.trim()));
  const uploadPaths = new Set((properties["otklik.http.upload-paths"] ?? "/api/v1/media").split(",").map((p) => p.trim()));
  const appServices = new Set(docs.filter((d) => d.kind === "Service" && appPods.some((labels) =>
    labelsMatch(d.spec.selector, labels))).map((d) => d.metadata.name));
  const routedLarge = new Set();
  for (const ingress of docs.filter((d) => d.kind === "Ingress")) {
    const routes = (ingress.spec.rules ?? []).flatMap((r) => r.http.paths);
    if (!routes.some((route) => appServices.has(route.backend.service.name))) {
      continue;
    }
    const size = bytes(ingress.metadata.annotations?.["nginx.ingress.kubernetes.io/proxy-body-size"]);
    for (const route of routes) {
      const bulk = bulkPaths.has(route.path);
      const upload = uploadPaths.has(route.path);
      if (bulk || upload) {
        routedLarge.add(route.path);
      }
      check(!(bulk || upload) || route.pathType === "Exact", `Ingress/${ingress.metadata.name}: ${route.path} must be an Exact path`);
      const expected = bulk ? bulkLimit : upload ? uploadLimit : limit;
      check(size === expected, `Ingress/${ingress.metadata.name}: ${route.path} takes ${size} bytes, the application ${expected}`);
    }
  }
  for (const bulk of bulkPaths) {
    check(routedLarge.has(bulk), `no Ingress gives ${bulk} its bulk limit of ${bulkLimit} bytes`);
  }
  for (const upload of uploadPaths) {
    check(routedLarge.has(upload), `no Ingress gives ${upload} its upload limit of ${uploadLimit} bytes`);
  }

  // Keycloak: the realm(s) of the API and static resources only; no admin console, no master realm.
  const keycloakServices = new Set(docs.filter((d) => d.kind === "Keycloak").map((d) => `${d.metadata.name}-service`));
  for (const ingress of docs.filter((d) => d.kind === "Ingress")) {
    for (const route of (ingress.spec.rules ?? []).flatMap((r) => r.http.paths)) {
      if (keycloakServices.has(route.backend.service.name)) {
        const realm = /^\/realms\/([^/]+)/.exec(route.path)?.[1];
        check((realm && realm !== "master") || route.path === "/resources",
          `Ingress/${ingress.metadata.name}: ${route.path} publishes more of Keycloak than a realm (admin console, master realm)`);
      }
    }
  }
  return problems;
}
