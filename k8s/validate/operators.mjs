// Checks for the operators' custom resources, which kubernetes-models does not model: the fields
// their CRDs require (CloudNativePG postgresql.cnpg.io/v1, Keycloak operator k8s.keycloak.org/v2alpha1)
// plus the handful of fields Otklik relies on, with their types; and cert-manager's Certificate and Issuer.

import { prometheusRule, serviceMonitor } from "./monitoring.mjs";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const isString = (value) => typeof value === "string" && value.length > 0;
const isPositiveInteger = (value) => Number.isInteger(value) && value > 0;

function require(problems, where, condition, message) {
  if (!condition) {
    problems.push(`${where}: ${message}`);
  }
}

function secretKeySelector(problems, where, selector) {
  require(problems, where, isObject(selector) && isString(selector.name) && isString(selector.key),
    "needs a secret name and key");
}

function cluster(doc, problems) {
  const where = `Cluster/${doc.metadata.name}`;
  const spec = doc.spec;
  require(problems, where, isObject(spec), "spec is required");
  if (!isObject(spec)) {
    return;
  }
  require(problems, where, isPositiveInteger(spec.instances), "spec.instances (required) must be a positive integer");
  require(problems, where, isString(spec.storage?.size) || isObject(spec.storage?.pvcTemplate),
    "spec.storage.size or spec.storage.pvcTemplate is required");
  if (spec.bootstrap?.initdb) {
    require(problems, where, isString(spec.bootstrap.initdb.database) && isString(spec.bootstrap.initdb.owner),
      "spec.bootstrap.initdb needs database and owner (they name the <cluster>-app secret's dbname and username)");
  }
  if (spec.minSyncReplicas !== undefined || spec.maxSyncReplicas !== undefined) {
    require(problems, where, spec.maxSyncReplicas < spec.instances && spec.minSyncReplicas <= spec.maxSyncReplicas,
      "synchronous replicas need minSyncReplicas <= maxSyncReplicas < instances");
  }
  if (spec.backup !== undefined) {
    const store = spec.backup.barmanObjectStore;
    require(problems, where, isObject(store), "spec.backup needs barmanObjectStore");
    if (isObject(store)) {
      require(problems, where, isString(store.destinationPath), "backup.barmanObjectStore.destinationPath is required");
      const credentials = store.s3Credentials ?? store.azureCredentials ?? store.googleCredentials;
      require(problems, where, isObject(credentials), "backup.barmanObjectStore needs credentials");
      if (store.s3Credentials && !store.s3Credentials.inheritFromIAMRole) {
        secretKeySelector(problems, `${where} s3Credentials.accessKeyId`, store.s3Credentials.accessKeyId);
        secretKeySelector(problems, `${where} s3Credentials.secretAccessKey`, store.s3Credentials.secretAccessKey);
      }
    }
    if (spec.backup.retentionPolicy !== undefined) {
      require(problems, where, /^[1-9][0-9]*[dwm]$/.test(spec.backup.retentionPolicy),
        "backup.retentionPolicy must look like 30d, 4w or 3m");
    }
  }
}

function scheduledBackup(doc, problems) {
  const where = `ScheduledBackup/${doc.metadata.name}`;
  require(problems, where, isString(doc.spec?.schedule) && doc.spec.schedule.trim().split(/\s+/).length === 6,
    "spec.schedule (required) is a six-field cron expression (seconds first)");
  require(problems, where, isString(doc.spec?.cluster?.name), "spec.cluster.name is required");
}

function keycloak(doc, problems) {
  const where = `Keycloak/${doc.metadata.name}`;
  const spec = doc.spec;
  require(problems, where, isObject(spec), "spec is required");
  if (!isObject(spec)) {
    return;
  }
  require(problems, where, spec.instances === undefined || isPositiveInteger(spec.instances),
    "spec.instances must be a positive integer");
  require(problems, where, isString(spec.hostname?.hostname) || spec.hostname?.strict === false,
    "spec.hostname.hostname is required unless hostname.strict is false");
  require(problems, where, spec.http?.httpEnabled === true || isString(spec.http?.tlsSecret),
    "spec.http needs tlsSecret or httpEnabled: true");
  if (spec.db) {
    require(problems, where, isString(spec.db.vendor), "spec.db.vendor is required");
    secretKeySelector(problems, `${where} db.usernameSecret`, spec.db.usernameSecret);
    secretKeySelector(problems, `${where} db.passwordSecret`, spec.db.passwordSecret);
  }
}

function realmImport(doc, problems) {
  const where = `KeycloakRealmImport/${doc.metadata.name}`;
  const spec = doc.spec;
  require(problems, where, isString(spec?.keycloakCRName), "spec.keycloakCRName is required");
  require(problems, where, isObject(spec?.realm), "spec.realm is required");
  const realm = spec?.realm;
  if (!isObject(realm)) {
    return;
  }
  require(problems, where, isString(realm.realm), "spec.realm.realm (the realm name) is required");
  const roles = new Set((realm.roles?.realm ?? []).map((role) => role.name));
  for (const role of realm.roles?.realm ?? []) {
    for (const composite of role.composites?.realm ?? []) {
      require(problems, where, roles.has(composite), `role ${role.name} is composed of unknown role ${composite}`);
    }
  }
  if (realm.defaultRole) {
    require(problems, where, roles.has(realm.defaultRole.name), `defaultRole ${realm.defaultRole.name} is not a realm role`);
  }
  const clients = new Map();
  for (const client of realm.clients ?? []) {
    require(problems, where, isString(client.clientId), "every client needs a clientId");
    require(problems, where, !clients.has(client.clientId), `client ${client.clientId} is defined twice`);
    clients.set(client.clientId, client);
    for (const mapper of client.protocolMappers ?? []) {
      require(problems, where, isString(mapper.name) && isString(mapper.protocolMapper) && isObject(mapper.config),
        `client ${client.clientId}: every protocol mapper needs name, protocolMapper and config`);
      const audience = mapper.config?.["included.client.audience"];
      if (audience !== undefined) {
        require(problems, where, realm.clients.some((c) => c.clientId === audience),
          `client ${client.clientId}: audience ${audience} is not a client of the realm`);
      }
    }
  }
  for (const user of realm.users ?? []) {
    require(problems, where, isString(user.username), "every user needs a username");
    for (const role of user.realmRoles ?? []) {
      require(problems, where, roles.has(role), `user ${user.username} has unknown role ${role}`);
    }
    if (user.serviceAccountClientId) {
      const client = clients.get(user.serviceAccountClientId);
      require(problems, where, client?.serviceAccountsEnabled === true,
        `user ${user.username} is the service account of ${user.serviceAccountClientId}, which has no service account`);
    }
  }
}

function pooler(doc, problems) {
  const where = `Pooler/${doc.metadata.name}`;
  const spec = doc.spec;
  require(problems, where, isObject(spec), "spec is required");
  if (!isObject(spec)) {
    return;
  }
  require(problems, where, isString(spec.cluster?.name), "spec.cluster.name is required");
  require(problems, where, spec.instances === undefined || isPositiveInteger(spec.instances), "spec.instances must be a positive integer");
  require(problems, where, ["rw", "ro"].includes(spec.type ?? "rw"), "spec.type is rw or ro");
  require(problems, where, isObject(spec.pgbouncer), "spec.pgbouncer is required");
  require(problems, where, ["session", "transaction"].includes(spec.pgbouncer?.poolMode ?? "session"),
    "spec.pgbouncer.poolMode is session or transaction");
  for (const [name, value] of Object.entries(spec.pgbouncer?.parameters ?? {})) {
    require(problems, where, typeof value === "string", `pgbouncer parameter ${name} must be a string`);
  }
}

// cert-manager (cert-manager.io/v1): Keycloak's in-cluster certificate in the prod overlay (in-cluster-trust.mjs).
function certificate(doc, problems) {
  const where = `Certificate/${doc.metadata.name}`;
  const spec = doc.spec;
  require(problems, where, isObject(spec), "spec is required");
  require(problems, where, isString(spec?.secretName), "spec.secretName is required");
  require(problems, where, isObject(spec?.issuerRef) && isString(spec.issuerRef.name), "spec.issuerRef.name is required");
  require(problems, where, ["Issuer", "ClusterIssuer", undefined].includes(spec?.issuerRef?.kind), "spec.issuerRef.kind is Issuer or ClusterIssuer");
  require(problems, where, spec?.isCA === true || (Array.isArray(spec?.dnsNames) && spec.dnsNames.length > 0)
    || isString(spec?.commonName), "a certificate needs dnsNames (or isCA)");
}

function issuer(doc, problems) {
  const where = `Issuer/${doc.metadata.name}`;
  const kinds = ["selfSigned", "ca", "acme", "vault", "venafi"].filter((kind) => isObject(doc.spec?.[kind]));
  require(problems, where, kinds.length === 1, "spec needs exactly one of selfSigned, ca, acme, vault, venafi");
  if (kinds[0] === "ca") {
    require(problems, where, isString(doc.spec.ca.secretName), "spec.ca.secretName is required");
  }
}

const CHECKS = {
  "cert-manager.io/v1/Certificate": certificate,
  "cert-manager.io/v1/Issuer": issuer,
  "monitoring.coreos.com/v1/PrometheusRule": prometheusRule,
  "monitoring.coreos.com/v1/ServiceMonitor": serviceMonitor,
  "postgresql.cnpg.io/v1/Pooler": pooler,
  "postgresql.cnpg.io/v1/Cluster": cluster,
  "postgresql.cnpg.io/v1/ScheduledBackup": scheduledBackup,
  "k8s.keycloak.org/v2alpha1/Keycloak": keycloak,
  "k8s.keycloak.org/v2alpha1/KeycloakRealmImport": realmImport,
};

/** Problems of an operator resource, or null when `doc` is no resource these checks know. */
export function operatorProblems(doc) {
  const check = CHECKS[`${doc.apiVersion}/${doc.kind}`];
  if (!check) {
    return null;
  }
  const problems = [];
  require(problems, `${doc.kind}`, isString(doc.metadata?.name), "metadata.name is required");
  check(doc, problems);
  return problems;
}
