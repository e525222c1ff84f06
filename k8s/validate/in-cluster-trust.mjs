// Issue 28, items 4 and 9: trust inside the cluster.
//  - Keycloak serves HTTPS only (spec.http.httpEnabled false, spec.http.tlsSecret set); its certificate's Secret
//    is issued by a cert-manager Certificate of the overlay naming the Keycloak service, or is one an
//    administrator creates (docs/security.md, item 9);
//  - the API reaches Keycloak over https and trusts a CA file through the TLS configuration OTKLIK_OIDC_TLS_CONFIGURATION
//    names (QUARKUS_TLS_<NAME>_TRUST_STORE_PEM_CERTS), a file that a volume from a Secret or ConfigMap puts there;
//  - a callback destination URL (Gosuslugi, social monitoring) set in the manifests has its secret from a Secret
//    (secretKeyRef), never a literal or a ConfigMap value; with Gosuslugi's CLIENT_CREDENTIALS mode also the token
//    client's secret.

// Secrets an administrator creates where no cert-manager Certificate of the overlay does.
export const HAND_MADE_TLS_SECRETS = new Set(["keycloak-internal-tls"]);

const CALLBACKS = [
  { url: "OTKLIK_DELIVERY_GOSUSLUGI_URL", secrets: (config) => ["OTKLIK_DELIVERY_GOSUSLUGI_SECRET",
    ...(config.OTKLIK_DELIVERY_GOSUSLUGI_AUTH === "CLIENT_CREDENTIALS" ? ["OTKLIK_DELIVERY_GOSUSLUGI_CLIENT_SECRET"] : [])] },
  { url: "OTKLIK_DELIVERY_SOCIAL_URL", secrets: () => ["OTKLIK_DELIVERY_SOCIAL_SECRET"] },
];

export function inClusterTrustProblems(docs, overlayName) {
  const problems = [];
  const check = (condition, message) => condition || problems.push(`${overlayName}: ${message}`);
  const find = (kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
  const certificates = docs.filter((d) => d.kind === "Certificate" && d.apiVersion.startsWith("cert-manager.io/"));

  const keycloakServices = new Set();
  for (const keycloak of docs.filter((d) => d.kind === "Keycloak")) {
    const where = `Keycloak/${keycloak.metadata.name}`;
    const service = `${keycloak.metadata.name}-service`;
    keycloakServices.add(service);
    const http = keycloak.spec.http ?? {};
    check(http.httpEnabled !== true, `${where}: spec.http.httpEnabled must be false (HTTPS inside the cluster too)`);
    check(typeof http.tlsSecret === "string" && http.tlsSecret.length > 0,
      `${where}: spec.http.tlsSecret must name the Secret of its in-cluster certificate`);
    if (http.tlsSecret) {
      const issued = certificates.find((c) => c.spec.secretName === http.tlsSecret);
      check(issued || find("Secret", http.tlsSecret) || HAND_MADE_TLS_SECRETS.has(http.tlsSecret),
        `${where}: Secret ${http.tlsSecret} is neither issued by a cert-manager Certificate of the overlay nor one an administrator creates`);
      if (issued) {
        check((issued.spec.dnsNames ?? []).includes(service),
          `Certificate/${issued.metadata.name}: dnsNames must include ${service}, the name the API connects to`);
        check(issued.spec.issuerRef?.name, `Certificate/${issued.metadata.name}: spec.issuerRef.name is required`);
      }
    }
  }

  for (const deployment of docs.filter((d) => d.kind === "Deployment")) {
    const pod = deployment.spec.template.spec;
    for (const container of pod.containers) {
      const where = `Deployment/${deployment.metadata.name} container ${container.name}`;
      const config = {};
      for (const source of container.envFrom ?? []) {
        const configMap = source.configMapRef && find("ConfigMap", source.configMapRef.name);
        for (const [name, value] of Object.entries(configMap?.data ?? {})) config[name] = { value, from: "ConfigMap" };
      }
      for (const variable of container.env ?? []) {
        config[variable.name] = variable.valueFrom?.secretKeyRef ? { secret: variable.valueFrom.secretKeyRef }
          : { value: variable.value, from: variable.valueFrom ? "a reference that is not a Secret" : "a literal" };
      }
      const value = (name) => config[name]?.value ?? "";

      const authServer = value("OTKLIK_OIDC_AUTH_SERVER_URL");
      if (authServer) {
        check(authServer.startsWith("https://"), `${where}: OTKLIK_OIDC_AUTH_SERVER_URL must be https (${authServer})`);
        const host = /^https?:\/\/([^/:]+)/.exec(authServer)?.[1] ?? "";
        if (keycloakServices.has(host.split(".")[0])) {
          const tls = value("OTKLIK_OIDC_TLS_CONFIGURATION");
          const caVariable = `QUARKUS_TLS_${tls.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_TRUST_STORE_PEM_CERTS`;
          const caFile = value(caVariable);
          check(tls, `${where}: OTKLIK_OIDC_TLS_CONFIGURATION must name the TLS configuration that trusts Keycloak's CA`);
          check(!tls || caFile, `${where}: ${caVariable} must name the CA file of Keycloak's in-cluster certificate`);
          if (caFile) {
            const dir = caFile.slice(0, caFile.lastIndexOf("/"));
            const file = caFile.slice(caFile.lastIndexOf("/") + 1);
            const mount = (container.volumeMounts ?? []).find((m) => m.mountPath === dir);
            const volume = mount && (pod.volumes ?? []).find((v) => v.name === mount.name);
            const source = volume?.secret ?? volume?.configMap;
            const items = source?.items;
            check(source && (!items || items.some((item) => item.path === file)),
              `${where}: no volume from a Secret or ConfigMap puts ${file} at ${dir} (${caVariable})`);
            const tlsSecrets = new Set(docs.filter((d) => d.kind === "Keycloak").map((k) => k.spec.http?.tlsSecret));
            check(!volume?.secret || tlsSecrets.has(volume.secret.secretName) || find("Secret", volume.secret.secretName),
              `${where}: the CA volume's Secret ${volume?.secret?.secretName} is not the one Keycloak serves`);
          }
        }
      }

      for (const callback of CALLBACKS) {
        const url = value(callback.url);
        if (!url) continue;
        check(url.startsWith("https://"), `${where}: ${callback.url} must be https`);
        for (const secret of callback.secrets(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.value])))) {
          check(config[secret]?.secret,
            `${where}: ${callback.url} is set, so ${secret} must come from a Secret (secretKeyRef), not ${config[secret]?.from ?? "nowhere"}`);
        }
      }
    }
  }
  return problems;
}
