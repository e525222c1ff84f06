// Loopback proxy between Specmatic and the packaged service (scripts/contract-test.sh):
//  - gives each request a real RS256 token for the first role in its operation's x-roles (the contract has one
//    bearer scheme, the service wants a role per operation), signed by a key generated here and trusted by the
//    service (quarkus.oidc.public-key);
//  - puts a real Open311 api_key (issued once through issueOpen311Key, for a back office so that updates are allowed)
//    into the form of every Open311 POST: a key is data the contract cannot generate;
//  - records every exchange (operation, request, status, problem body) as one JSON line, for report.mjs.
//  - forwards at most <per-operation> requests of one operation; it answers the rest 503 itself and does not
//    record them (Specmatic's generated combinations of one operation can run into the tens of thousands).
//  - requests of the negative pass (negative.mjs, header x-contract-pass: negative) are neither capped nor recorded:
//    that runner judges its own answers.
// Usage: node auth-proxy.mjs <contract.yaml> <listen-port> <service-port> <public-key-out.pem> <exchanges.jsonl> <per-operation>
import http from 'node:http';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

const [contractFile, listenPort, servicePort, publicKeyOut, exchangesOut, perOperation] = process.argv.slice(2);
const forwarded = new Map();
const contract = yaml.load(fs.readFileSync(contractFile, 'utf8'));

// What a token of each role carries besides the role (the claims the service maps, application.properties).
const CALLERS = {
  citizen: { azp: 'otklik-widget', district: 'leninsky', birthdate: '1990-05-17' },
  operator: { azp: 'otklik-staff' },
  executor: { azp: 'otklik-staff', org: 'adm.leninsky' },
  analyst: { azp: 'otklik-staff' },
  admin: { azp: 'otklik-staff' },
  integration: { azp: 'gosuslugi-pos' },
};

// Operations that want one particular client besides the role.
const OPERATION_CALLERS = { ingestSocialComments: { azp: 'social-monitoring' } };

const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
fs.writeFileSync(publicKeyOut, publicKey.export({ type: 'spki', format: 'pem' }));

const b64url = (value) => Buffer.from(value).toString('base64url');
const tokens = new Map();
function tokenFor(role, operationId) {
  const key = `${role} ${operationId in OPERATION_CALLERS ? operationId : ''}`;
  if (!tokens.has(key)) {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'contract-test' }));
    const payload = b64url(JSON.stringify({
      iss: 'contract-test', aud: 'otklik-api', sub: `contract-${role}`, iat: now, exp: now + 4 * 3600,
      realm_access: { roles: [role] }, ...CALLERS[role], ...OPERATION_CALLERS[operationId],
    }));
    const signature = crypto.sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url');
    tokens.set(key, `${header}.${payload}.${signature}`);
  }
  return tokens.get(key);
}

// Operations by method, their path templates as regular expressions (literal segments before templated ones).
const operations = [];
for (const [path, item] of Object.entries(contract.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!operation || !operation.operationId) continue;
    const pattern = new RegExp('^' + path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+') + '$');
    const secured = (operation.security ?? contract.security ?? []).some((requirement) => 'bearer' in requirement);
    operations.push({ method: method.toUpperCase(), path, pattern, operation, secured,
      literal: path.replace(/\{[^}]+\}/g, '').length });
  }
}
operations.sort((a, b) => b.literal - a.literal);
const operationOf = (method, path) => operations.find((o) => o.method === method && o.pattern.test(path));

// One Open311 key for the whole run, issued by the service itself on the first Open311 POST.
let open311Key = null;
function issueOpen311Key() {
  if (!open311Key) {
    open311Key = new Promise((resolve, reject) => {
      const body = JSON.stringify({ name: 'contract test', organizationCode: 'adm.leninsky' });
      const issue = http.request({ host: '127.0.0.1', port: servicePort, method: 'POST', path: '/api/v1/admin/open311-keys',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${tokenFor('admin', 'issueOpen311Key')}` } }, (answer) => {
        const chunks = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('end', () => {
          try { resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')).apiKey); } catch (error) { reject(error); }
        });
      });
      issue.on('error', reject);
      issue.end(body);
    });
  }
  return open311Key;
}

// The form with its api_key replaced by the issued one (url-encoded or multipart).
function withOpen311Key(body, contentType, key) {
  const text = body.toString('utf8');
  if (/^application\/x-www-form-urlencoded/i.test(contentType ?? '')) {
    const form = new URLSearchParams(text);
    form.set('api_key', key);
    return Buffer.from(form.toString());
  }
  // multipart: the api_key part's value, and its Content-Length header when the part has one
  const replaced = text.replace(/(name="?api_key"?\r?\n)((?:[^\r\n]+\r?\n)*)(\r?\n)[^\r\n]*/,
    (whole, disposition, partHeaders, blank) =>
      disposition + partHeaders.replace(/(Content-Length:\s*)\d+/i, `$1${Buffer.byteLength(key)}`) + blank + key);
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
  return Buffer.from(boundary ? splitArrayParts(replaced, boundary) : replaced);
}

// Specmatic sends an array field of a multipart form as ONE part holding a JSON array (application/octet-stream);
// the form encoding (and Open311 clients) repeat the field, one text part per value: split such parts.
function splitArrayParts(text, boundary) {
  return text.replace(/Content-Disposition: form-data; name="?([^"\r\n;]+)"?\r?\n(?:[^\r\n]+\r?\n)*\r?\n(\[[\s\S]*?\])(\r?\n--)/g,
    (whole, name, json, next) => {
      let values;
      try { values = JSON.parse(json); } catch { return whole; }
      if (!Array.isArray(values) || !values.length) return whole;
      return values.map((value, i) => (i ? `\r\n--${boundary}\r\n` : '') + `Content-Disposition: form-data; name="${name}"\r\n`
        + `Content-Type: text/plain; charset=UTF-8\r\n\r\n${value}`).join('') + next;
    });
}

const out = fs.createWriteStream(exchangesOut, { flags: 'a' });
http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', async () => {
    let body = Buffer.concat(chunks);
    const url = new URL(request.url, 'http://127.0.0.1');
    const match = operationOf(request.method, url.pathname);
    const operationId = match?.operation.operationId ?? null;
    const negative = request.headers['x-contract-pass'] === 'negative';
    if (!negative) forwarded.set(operationId, (forwarded.get(operationId) ?? 0) + 1);
    if (!negative && forwarded.get(operationId) > Number(perOperation)) {
      response.writeHead(503, { 'content-type': 'text/plain' });
      response.end(`contract test: more than ${perOperation} requests to ${operationId}, not sent`);
      return;
    }
    const headers = { ...request.headers, host: `127.0.0.1:${servicePort}` };
    delete headers['x-contract-pass'];
    let role = null;
    if (match && match.secured) {
      role = (match.operation['x-roles'] ?? ['citizen'])[0];
      headers.authorization = `Bearer ${tokenFor(role, operationId)}`;
    }
    let path = request.url;
    // (not in the negative pass: an api_key it made invalid on purpose must reach the service as it is)
    if (!negative && url.pathname.startsWith('/open311/') && (request.method === 'POST' || url.searchParams.has('api_key'))) {
      try {
        const key = await issueOpen311Key();
        if (request.method === 'POST') body = withOpen311Key(body, request.headers['content-type'], key);
        if (url.searchParams.has('api_key')) {
          url.searchParams.set('api_key', key);
          path = url.pathname + url.search;
        }
      } catch (error) {
        console.error(`contract test: no Open311 key: ${error}`);
      }
    }
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
    const upstream = http.request({ host: '127.0.0.1', port: servicePort, method: request.method,
      path, headers }, (answer) => {
      const answerChunks = [];
      answer.on('data', (chunk) => answerChunks.push(chunk));
      answer.on('end', () => {
        const answerBody = Buffer.concat(answerChunks);
        response.writeHead(answer.statusCode, answer.headers);
        response.end(answerBody);
        if (negative) return;
        const requestText = body.toString('utf8');
        const answerText = answerBody.toString('utf8');
        out.write(JSON.stringify({
          operationId, path: match?.path ?? null, role,
          method: request.method, url: request.url, contentType: request.headers['content-type'] ?? null,
          request: requestText.length > 4000 ? requestText.slice(0, 4000) : requestText,
          status: answer.statusCode,
          answer: answer.statusCode >= 400 ? answerText.slice(0, 4000) : undefined,
        }) + '\n');
      });
    });
    upstream.on('error', (error) => { response.writeHead(502); response.end(String(error)); });
    upstream.end(body);
  });
}).listen(Number(listenPort), '127.0.0.1', () => console.log(`auth proxy on 127.0.0.1:${listenPort}`));
