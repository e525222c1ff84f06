// A small, strict kustomize renderer for the subset of kustomize that k8s/ uses, so that the
// overlays can be rendered on a machine without kubectl (or with Debian's kubectl 1.20, whose
// embedded kustomize v2 lacks `labels` and `patches`). Anything outside the subset is an error,
// never silently ignored. validate.mjs compares its output with `kubectl kustomize` wherever a
// kubectl is available, so the two cannot drift apart unnoticed.
//
// Supported kustomization fields: apiVersion, kind, resources (files and directories), namespace,
// labels (pairs; includeSelectors/includeTemplates false), images (name, newName, newTag, digest),
// patches (JSON 6902 operations, inline `patch` or `path`, target by kind/name/group/version).
// Transformers run in kustomize's order: patches, namespace, labels, images.

import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];
const SUPPORTED_FIELDS = new Set(["apiVersion", "kind", "resources", "namespace", "labels", "images", "patches"]);
// Kinds without a namespace that k8s/ could plausibly contain; the namespace transformer skips them.
const CLUSTER_SCOPED = new Set([
  "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
  "StorageClass", "PriorityClass", "IngressClass", "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration", "APIService",
]);

export class KustomizeLiteError extends Error {}

function fail(message) {
  throw new KustomizeLiteError(message);
}

export function readYamlDocuments(file) {
  const text = fs.readFileSync(file, "utf8");
  const documents = parseAllDocuments(text);
  const result = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      fail(`${file}: ${document.errors[0].message}`);
    }
    const value = document.toJS({ maxAliasCount: -1 });
    if (value !== null && value !== undefined) {
      result.push(value);
    }
  }
  return result;
}

function kustomizationFile(dir) {
  for (const name of KUSTOMIZATION_FILES) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) {
      return candidate;
    }
  }
  return fail(`${dir}: no kustomization.yaml`);
}

/** Renders the kustomization in `dir` and returns its resources as plain objects. */
export function render(dir) {
  const file = kustomizationFile(dir);
  const [kustomization] = readYamlDocuments(file);
  for (const field of Object.keys(kustomization)) {
    if (!SUPPORTED_FIELDS.has(field)) {
      fail(`${file}: field '${field}' is not supported by kustomize-lite`);
    }
  }
  let resources = [];
  for (const entry of kustomization.resources ?? []) {
    const target = path.resolve(dir, entry);
    if (!fs.existsSync(target)) {
      fail(`${file}: resource '${entry}' does not exist`);
    }
    if (fs.statSync(target).isDirectory()) {
      resources.push(...render(target));
    } else {
      resources.push(...readYamlDocuments(target));
    }
  }
  for (const patch of kustomization.patches ?? []) {
    applyPatch(patch, resources, dir, file);
  }
  if (kustomization.namespace) {
    for (const resource of resources) {
      if (!CLUSTER_SCOPED.has(resource.kind)) {
        resource.metadata.namespace = kustomization.namespace;
      }
    }
  }
  for (const entry of kustomization.labels ?? []) {
    if (entry.includeSelectors || entry.includeTemplates || entry.fields) {
      fail(`${file}: labels with includeSelectors, includeTemplates or fields are not supported`);
    }
    for (const resource of resources) {
      resource.metadata.labels = { ...(resource.metadata.labels ?? {}), ...entry.pairs };
    }
  }
  for (const image of kustomization.images ?? []) {
    for (const resource of resources) {
      for (const container of containersOf(resource)) {
        if (imageName(container.image) === image.name) {
          container.image = newImage(container.image, image);
        }
      }
    }
  }
  return resources;
}

function containersOf(resource) {
  const podSpec = resource.kind === "Pod" ? resource.spec : resource.spec?.template?.spec;
  if (!podSpec) {
    return [];
  }
  return [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])];
}

function imageName(image) {
  if (typeof image !== "string") {
    return undefined;
  }
  const withoutDigest = image.split("@")[0];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastColon = withoutDigest.lastIndexOf(":");
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}

function newImage(current, image) {
  const name = image.newName ?? imageName(current);
  if (image.digest) {
    return `${name}@${image.digest}`;
  }
  if (image.newTag) {
    return `${name}:${image.newTag}`;
  }
  const rest = current.slice(imageName(current).length);
  return name + rest;
}

function applyPatch(patch, resources, dir, file) {
  if (!patch.target) {
    fail(`${file}: a patch without target is not supported by kustomize-lite`);
  }
  const { kind, name, group, version, namespace, labelSelector, annotationSelector } = patch.target;
  if (labelSelector || annotationSelector) {
    fail(`${file}: patch targets by selector are not supported by kustomize-lite`);
  }
  let operations;
  if (patch.path) {
    [operations] = readYamlDocuments(path.resolve(dir, patch.path));
  } else {
    [operations] = parseAllDocuments(patch.patch).map((d) => d.toJS());
  }
  if (!Array.isArray(operations)) {
    fail(`${file}: only JSON 6902 patches (a list of operations) are supported by kustomize-lite`);
  }
  const matches = resources.filter((resource) => {
    const [resourceGroup, resourceVersion] = resource.apiVersion.includes("/")
      ? resource.apiVersion.split("/")
      : ["", resource.apiVersion];
    return (!kind || resource.kind === kind)
      && (!name || resource.metadata.name === name)
      && (group === undefined || resourceGroup === group)
      && (!version || resourceVersion === version)
      && (!namespace || resource.metadata.namespace === namespace);
  });
  if (matches.length === 0) {
    fail(`${file}: patch target ${JSON.stringify(patch.target)} matches no resource`);
  }
  for (const resource of matches) {
    for (const operation of operations) {
      applyOperation(resource, operation, file);
    }
  }
}

function pointer(pathText, file) {
  if (typeof pathText !== "string" || !pathText.startsWith("/")) {
    fail(`${file}: bad JSON pointer '${pathText}'`);
  }
  return pathText.slice(1).split("/").map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function applyOperation(resource, operation, file) {
  const tokens = pointer(operation.path, file);
  const last = tokens.pop();
  let parent = resource;
  for (const token of tokens) {
    parent = Array.isArray(parent) ? parent[Number(token)] : parent?.[token];
    if (parent === undefined || parent === null || typeof parent !== "object") {
      fail(`${file}: path '${operation.path}' does not exist in ${resource.kind}/${resource.metadata.name}`);
    }
  }
  const clone = (value) => structuredClone(value);
  switch (operation.op) {
    case "add":
      if (Array.isArray(parent)) {
        const index = last === "-" ? parent.length : Number(last);
        parent.splice(index, 0, clone(operation.value));
      } else {
        parent[last] = clone(operation.value);
      }
      break;
    case "replace":
      if (!(Array.isArray(parent) ? Number(last) < parent.length : last in parent)) {
        fail(`${file}: replace of missing '${operation.path}' in ${resource.kind}/${resource.metadata.name}`);
      }
      parent[Array.isArray(parent) ? Number(last) : last] = clone(operation.value);
      break;
    case "remove":
      if (Array.isArray(parent)) {
        parent.splice(Number(last), 1);
      } else if (last in parent) {
        delete parent[last];
      } else {
        fail(`${file}: remove of missing '${operation.path}' in ${resource.kind}/${resource.metadata.name}`);
      }
      break;
    default:
      fail(`${file}: JSON patch operation '${operation.op}' is not supported by kustomize-lite`);
  }
}
