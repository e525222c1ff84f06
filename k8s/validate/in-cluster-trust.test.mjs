// The checks of in-cluster-trust.mjs catch what they are for: each case breaks one rule in the rendered prod overlay
// (target/k8s/prod.yaml, written by validate.mjs, which runs first) and expects a problem naming it.
//   node --test k8s/validate/in-cluster-trust.test.mjs
import fs from "node:fs";
import path from "node:path";
import test from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { inClusterTrustProblems } from "./in-cluster-trust.mjs";

const rendered = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../target/k8s/prod.yaml");
const load = () => parseAllDocuments(fs.readFileSync(rendered, "utf8")).map((d) => d.toJS({ maxAliasCount: -1 }));
const configMap = (docs) => docs.find((d) => d.kind === "ConfigMap" && d.data?.OTKLIK_OIDC_AUTH_SERVER_URL).data;
const api = (docs) => docs.find((d) => d.kind === "Deployment").spec.template.spec.containers[0];
const cases = {
  ok: () => {},
  httpKeycloak: (docs) => { docs.find((d) => d.kind === "Keycloak").spec.http.httpEnabled = true; },
  noTlsSecret: (docs) => { delete docs.find((d) => d.kind === "Keycloak").spec.http.tlsSecret; },
  httpAuthUrl: (docs) => { configMap(docs).OTKLIK_OIDC_AUTH_SERVER_URL = "http://keycloak-service:8080/realms/otklik"; },
  noCaMount: (docs) => { const c = api(docs); c.volumeMounts = c.volumeMounts.filter((m) => m.name !== "keycloak-ca"); },
  certWrongName: (docs) => { docs.find((d) => d.kind === "Certificate" && d.metadata.name === "keycloak-internal-tls").spec.dnsNames = ["other"]; },
  socialUrlSecretLiteral: (docs) => { configMap(docs).OTKLIK_DELIVERY_SOCIAL_URL = "https://social.example.org/reply";
    const c = api(docs); c.env = c.env.map((e) => e.name === "OTKLIK_DELIVERY_SOCIAL_SECRET" ? { name: e.name, value: "plain" } : e); },
  socialUrlSecretRef: (docs) => { configMap(docs).OTKLIK_DELIVERY_SOCIAL_URL = "https://social.example.org/reply"; },
  clientCredentialsWithoutSecret: (docs) => { const cm = configMap(docs); cm.OTKLIK_DELIVERY_GOSUSLUGI_URL = "https://pos.example.org/cb"; cm.OTKLIK_DELIVERY_GOSUSLUGI_AUTH = "CLIENT_CREDENTIALS";
    const c = api(docs); c.env = c.env.filter((e) => e.name !== "OTKLIK_DELIVERY_GOSUSLUGI_CLIENT_SECRET"); },
};

const expected = {
  ok: null,
  httpKeycloak: /httpEnabled must be false/,
  noTlsSecret: /tlsSecret must name/,
  httpAuthUrl: /OTKLIK_OIDC_AUTH_SERVER_URL must be https/,
  noCaMount: /no volume from a Secret or ConfigMap puts ca.crt/,
  certWrongName: /dnsNames must include keycloak-service/,
  socialUrlSecretLiteral: /OTKLIK_DELIVERY_SOCIAL_SECRET must come from a Secret/,
  socialUrlSecretRef: null,
  clientCredentialsWithoutSecret: /OTKLIK_DELIVERY_GOSUSLUGI_CLIENT_SECRET must come from a Secret/,
};

for (const [name, mutate] of Object.entries(cases)) {
  test(name, () => {
    const docs = load();
    mutate(docs);
    const problems = inClusterTrustProblems(docs, "prod");
    if (expected[name]) {
      assert.ok(problems.some((p) => expected[name].test(p)), `${name}: ${JSON.stringify(problems)}`);
    } else {
      assert.deepEqual(problems, []);
    }
  });
}
