// The contract's negative cases (issue 28, item 10): for every operation of the committed contract, requests the
// contract calls invalid, each with ONE thing wrong — a parameter over its maxLength or maximum, under its minLength
// or minimum, outside its enum, against its pattern, of the wrong type, a required parameter left out, a JSON body
// without one of its required members or not an object — sent through the auth proxy of scripts/contract-test.sh
// (which signs a token of the operation's role). Every one must be refused with a 4xx problem+json (Open311: a 4xx
// in the Open311 error form; 414 or 431 for a request line or headers over the server's limits). Writes a worklist of the requests that were not, and exits 1 when there is one.
// Usage: node negative.mjs <contract.yaml> <proxy base URL> <report.md>
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml');

const [contractFile, base, reportFile] = process.argv.slice(2);
const contract = yaml.load(fs.readFileSync(contractFile, 'utf8'));

function resolve(node) {
  let value = node;
  for (let hops = 0; value && value.$ref && hops < 20; hops++) {
    value = value.$ref.slice(2).split('/').reduce((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], contract);
  }
  return value;
}

/** A schema with its $ref, allOf and anyOf/oneOf-with-null folded into one object (enough for parameters). */
function flat(schema) {
  let s = resolve(schema) ?? {};
  const merged = { ...s };
  for (const part of s.allOf ?? []) Object.assign(merged, flat(part));
  const alternatives = (s.anyOf ?? s.oneOf ?? []).filter((a) => resolve(a)?.type !== 'null');
  if (alternatives.length === 1) Object.assign(merged, flat(alternatives[0]));
  delete merged.$ref;
  let type = merged.type;
  if (Array.isArray(type)) type = type.find((t) => t !== 'null');
  return { ...merged, type };
}

function exampleOf(parameter, schema) {
  if (parameter.example !== undefined) return parameter.example;
  const named = Object.values(parameter.examples ?? {})[0];
  if (named && resolve(named)?.value !== undefined) return resolve(named).value;
  if (schema.examples?.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
  if (schema.type === 'boolean') return true;
  if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
  if (schema.format === 'date') return '2026-01-01';
  return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
}

const matches = (pattern, value) => {
  try { return new RegExp(pattern, 'u').test(value); } catch { return true; }
};

/** Values that break one rule of the schema, each with what it breaks. */
function invalidValues(schema) {
  const out = [];
  if (schema.enum?.length) out.push(['not in the enum', 'NOT_IN_THE_ENUM_9']);
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.maximum !== undefined) out.push([`over the maximum ${schema.maximum}`, schema.maximum + 1]);
    if (schema.minimum !== undefined) out.push([`under the minimum ${schema.minimum}`, schema.minimum - 1]);
    out.push(['not a number', 'abc']);
  }
  if (schema.type === 'boolean') out.push(['not a boolean', 'maybe']);
  if (schema.type === 'string' || (!schema.type && !schema.enum)) {
    if (schema.maxLength !== undefined) {
      const seed = String(exampleOfSchema(schema));
      let long = seed.repeat(Math.ceil((schema.maxLength + 1) / Math.max(1, seed.length))).slice(0, schema.maxLength + 1);
      if (schema.pattern && !matches(schema.pattern, long)) long = 'a'.repeat(schema.maxLength + 1);
      out.push([`over the maxLength ${schema.maxLength}`, long]);
    }
    if (schema.minLength > 0) out.push([`under the minLength ${schema.minLength}`, '']);
    if (schema.pattern) {
      const bad = ['!', ' ', '~~', '\u00a0', '0', 'a'].find((candidate) => !matches(schema.pattern, candidate));
      if (bad !== undefined) out.push([`against the pattern ${schema.pattern}`, bad]);
    }
    if (schema.format === 'uuid') out.push(['not a uuid', 'not-a-uuid']);
    if (schema.format === 'date-time') out.push(['not a date-time', 'yesterday']);
    if (schema.format === 'date') out.push(['not a date', '2026-13-45']);
  }
  return out;
}

const exampleOfSchema = (schema) => exampleOf({}, schema);

function requestBodyExample(operation) {
  const body = resolve(operation.requestBody);
  const json = body?.content?.['application/json'];
  if (!json) return null;
  const example = Object.values(json.examples ?? {})[0];
  const value = resolve(example)?.value ?? json.example ?? flat(json.schema).example ?? null;
  return { schema: flat(json.schema), example: value, required: body.required === true };
}

const cases = [];
for (const [path, item] of Object.entries(contract.paths)) {
  for (const [method, operation] of Object.entries(item)) {
    if (!operation?.operationId || !['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve)
      .filter((p) => p && !(p.in === 'header' && /^authorization$/i.test(p.name)));
    const valid = Object.fromEntries(parameters.map((p) => [`${p.in} ${p.name}`, exampleOf(p, flat(p.schema))]));
    const bodyInfo = requestBodyExample(operation);
    const build = (broken, value, omit, body) => {
      let url = path;
      const query = new URLSearchParams();
      const headers = { 'x-contract-pass': 'negative', accept: 'application/json, application/problem+json' };
      for (const p of parameters) {
        const key = `${p.in} ${p.name}`;
        if (key === omit) continue;
        const chosen = key === broken ? value : (p.required || p.in === 'path' ? valid[key] : undefined);
        if (chosen === undefined) continue;
        const text = Array.isArray(chosen) ? chosen.join(',') : String(chosen);
        if (p.in === 'path') url = url.replace(`{${p.name}}`, encodeURIComponent(text));
        else if (p.in === 'query') query.set(p.name, text);
        else if (p.in === 'header') headers[p.name] = text;
      }
      let payload;
      if (body !== undefined) {
        payload = typeof body === 'string' ? body : JSON.stringify(body);
        headers['content-type'] = 'application/json';
      } else if (bodyInfo?.example != null) {
        payload = JSON.stringify(bodyInfo.example);
        headers['content-type'] = 'application/json';
      }
      if (['put', 'post', 'patch'].includes(method) && operation.parameters?.some((p) => resolve(p)?.name === 'Idempotency-Key')
          && !headers['Idempotency-Key'] && omit !== 'header Idempotency-Key') {
        headers['Idempotency-Key'] = `negative-${cases.length}`;
      }
      const search = query.toString();
      return { url: url + (search ? `?${search}` : ''), headers, payload };
    };
    const add = (what, request) => cases.push({ operationId: operation.operationId, method: method.toUpperCase(), path, what, ...request });
    for (const p of parameters) {
      const schema = flat(p.schema);
      const key = `${p.in} ${p.name}`;
      for (const [what, value] of invalidValues(schema)) {
        if (p.in === 'path' && value === '') continue; // an empty segment is another route
        if (p.in === 'header' && /[^\t\x20-\x7e]/.test(String(value))) continue; // not sendable as a header
        add(`${p.in} ${p.name} ${what}`, build(key, value));
      }
      if (p.required && p.in !== 'path') add(`required ${p.in} ${p.name} left out`, build(null, undefined, key));
    }
    if (bodyInfo && bodyInfo.example && typeof bodyInfo.example === 'object' && !Array.isArray(bodyInfo.example)) {
      const required = bodyInfo.schema.required ?? [];
      for (const member of required) {
        const { [member]: left, ...rest } = bodyInfo.example;
        add(`required body member ${member} left out`, build(null, undefined, null, rest));
      }
      if (bodyInfo.schema.type === 'object') add('a body that is not an object', build(null, undefined, null, '[]'));
    } else if (bodyInfo?.required && bodyInfo.schema.type === 'object' && (bodyInfo.schema.required ?? []).length) {
      add('an empty object for a body with required members', build(null, undefined, null, {}));
    }
  }
}

const failures = [];
let refused = 0;
for (const c of cases) {
  let status = 0;
  let type = '';
  let text = '';
  try {
    const answer = await fetch(base + c.url, { method: c.method, headers: c.headers, body: c.payload, redirect: 'manual' });
    status = answer.status;
    type = answer.headers.get('content-type') ?? '';
    text = await answer.text();
  } catch (error) {
    text = String(error);
  }
  const open311 = c.path.startsWith('/open311/');
  const problem = open311 ? /json|xml/.test(type) && text.length > 0 : type.startsWith('application/problem+json');
  // 414 and 431: the request line or headers are over the server's own limits, refused before any application code
  // (and so without a problem body)
  if (status === 414 || status === 431 || (status >= 400 && status < 500 && status !== 429 && problem)) {
    refused++;
  } else {
    failures.push({ ...c, status, type, answer: text.slice(0, 300) });
  }
}

const lines = [
  '# Contract test: negative cases', '',
  `${cases.length} requests the contract calls invalid; ${refused} refused with a 4xx problem; ${failures.length} not.`, '',
];
if (failures.length) {
  lines.push('| operation | what is wrong | request | status | content type | answer |', '|---|---|---|---|---|---|');
  for (const f of failures) {
    const cell = (v) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ').slice(0, 160);
    lines.push(`| ${f.operationId} | ${cell(f.what)} | ${f.method} ${cell(f.url)} | ${f.status} | ${cell(f.type)} | ${cell(f.answer)} |`);
  }
}
fs.writeFileSync(reportFile, lines.join('\n') + '\n');
console.log(`negative cases: ${cases.length} sent, ${refused} refused with a 4xx problem, ${failures.length} not (${reportFile})`);
for (const f of failures.slice(0, 40)) console.log(`  ${f.operationId}: ${f.what} -> ${f.status} ${f.type}`);
process.exit(failures.length ? 1 : 0);
