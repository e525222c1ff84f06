// Writes the Keycloak realm of the browser tests: the production realm of k8s/base/keycloak-realm.yaml,
// with the widget's redirect URI and web origin pointed at the test servers, a citizen with district
// and birth date, and a confidential client whose service account is an admin (to set up a poll).
// Usage: node realm.mjs <output.json> <api origin> <host origin>
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const CITIZEN = { username: 'anna', password: 'anna-e2e-password', district: 'leninsky', birthdate: '1990-05-17' };
export const ADMIN_CLIENT = { id: 'otklik-e2e-admin', secret: 'otklik-e2e-admin-secret' };

function realm(apiOrigin, hostOrigin) {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'k8s', 'base', 'keycloak-realm.yaml');
  const doc = parseAllDocuments(readFileSync(file, 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'KeycloakRealmImport');
  const r = structuredClone(doc.spec.realm);
  r.bruteForceProtected = false;
  const widget = r.clients.find((c) => c.clientId === 'otklik-widget');
  widget.redirectUris = [`${apiOrigin}/widget/callback.html`];
  widget.webOrigins = [hostOrigin];
  const audience = widget.protocolMappers.find((m) => m.protocolMapper === 'oidc-audience-mapper');
  r.clients.push({
    clientId: ADMIN_CLIENT.id,
    enabled: true,
    protocol: 'openid-connect',
    publicClient: false,
    secret: ADMIN_CLIENT.secret,
    standardFlowEnabled: false,
    directAccessGrantsEnabled: false,
    serviceAccountsEnabled: true,
    protocolMappers: [audience],
  });
  r.users = [
    {
      username: CITIZEN.username,
      enabled: true,
      email: 'anna@example.org',
      emailVerified: true,
      firstName: 'Anna',
      lastName: 'Testova',
      attributes: { district: [CITIZEN.district], birthdate: [CITIZEN.birthdate] },
      credentials: [{ type: 'password', value: CITIZEN.password, temporary: false }],
      realmRoles: ['default-roles-otklik'],
    },
    {
      username: `service-account-${ADMIN_CLIENT.id}`,
      enabled: true,
      serviceAccountClientId: ADMIN_CLIENT.id,
      realmRoles: ['admin'],
    },
  ];
  return r;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, apiOrigin, hostOrigin] = process.argv.slice(2);
  writeFileSync(out, JSON.stringify(realm(apiOrigin, hostOrigin), null, 2));
}
