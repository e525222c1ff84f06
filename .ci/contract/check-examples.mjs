// Checks every example of the contract against its own schema, strictly: an object whose schema lists its
// properties may not carry others (unevaluatedProperties: false is added to each such schema, whatever its
// additionalProperties says), formats are checked (date, date-time, email, uri, uuid...), and an unquoted
// YAML timestamp (which a YAML 1.1 reader turns into a date object) is an error of its own.
// Examples checked: schema example/examples, parameter and header example/examples, media type
// example/examples (including the webhooks' payloads).
// Usage: node check-examples.mjs [openapi/otklik-api.yaml]   (exit status 1 when an example does not validate)
import fs from 'node:fs';
import yaml from 'js-yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const file = process.argv[2] ?? 'openapi/otklik-api.yaml';
// DEFAULT_SCHEMA resolves YAML 1.1 timestamps, so an unquoted one shows up as a Date
const contract = yaml.load(fs.readFileSync(file, 'utf8'), { schema: yaml.DEFAULT_SCHEMA });

const OPENAPI_ONLY_KEYWORDS = ['example', 'discriminator', 'xml', 'externalDocs'];
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

const escape = (segment) => String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
const pointer = (path) => '/' + path.map(escape).join('/');

function findDates(value, path, found) {
  if (value instanceof Date) {
    found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findDates(item, `${path}/${i}`, found));
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) findDates(item, `${path}/${escape(key)}`, found);
  }
  return found;
}

/** The contract as one schema resource: strict objects, OpenAPI-only keywords kept but ignored. */
function strictCopy(node) {
  if (Array.isArray(node)) return node.map(strictCopy);
  if (!node || typeof node !== 'object' || node instanceof Date) return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) copy[key] = strictCopy(value);
  if (copy.properties && typeof copy.properties === 'object' && !Array.isArray(copy.properties)
      && copy.unevaluatedProperties === undefined) {
    delete copy.additionalProperties;
    copy.unevaluatedProperties = false;
  }
  return copy;
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats(ajv);
for (const format of ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password']) ajv.addFormat(format, true);
for (const keyword of OPENAPI_ONLY_KEYWORDS) if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
const DOCUMENT = 'https://otklik.org/openapi/otklik-api.json';
ajv.addSchema({ ...strictCopy(contract), $id: DOCUMENT });

const checks = [];
function example(where, value, schemaPath) {
  checks.push({ where, value, schemaPath });
}

/** Examples of a schema itself, then of its subschemas (properties, items, compositions). */
function walkSchema(schema, path) {
  if (!schema || typeof schema !== 'object' || schema.$ref) return;
  if ('example' in schema) example(pointer([...path, 'example']), schema.example, path);
  if (Array.isArray(schema.examples)) schema.examples.forEach((v, i) => example(pointer([...path, 'examples', i]), v, path));
  for (const [name, sub] of Object.entries(schema.properties ?? {})) walkSchema(sub, [...path, 'properties', name]);
  if (schema.items) walkSchema(schema.items, [...path, 'items']);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    walkSchema(schema.additionalProperties, [...path, 'additionalProperties']);
  }
  for (const keyword of ['allOf', 'oneOf', 'anyOf']) {
    (schema[keyword] ?? []).forEach((sub, i) => walkSchema(sub, [...path, keyword, i]));
  }
}

/** A parameter, header or media type: example, or examples by name ({value}); its schema's own examples. */
function walkHolder(holder, path) {
  if (!holder || typeof holder !== 'object' || holder.$ref) return;
  if (holder.schema) {
    if ('example' in holder) example(pointer([...path, 'example']), holder.example, [...path, 'schema']);
    for (const [name, named] of Object.entries(holder.examples ?? {})) {
      if (named && 'value' in named) example(pointer([...path, 'examples', name, 'value']), named.value, [...path, 'schema']);
    }
    walkSchema(holder.schema, [...path, 'schema']);
  }
  for (const [type, media] of Object.entries(holder.content ?? {})) walkHolder(media, [...path, 'content', type]);
  for (const [name, header] of Object.entries(holder.headers ?? {})) walkHolder(header, [...path, 'headers', name]);
}

function walkOperation(operation, path) {
  (operation.parameters ?? []).forEach((parameter, i) => walkHolder(parameter, [...path, 'parameters', i]));
  if (operation.requestBody) walkHolder(operation.requestBody, [...path, 'requestBody']);
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    walkHolder(response, [...path, 'responses', status]);
  }
}

function walkPathItems(items, root) {
  for (const [name, item] of Object.entries(items ?? {})) {
    (item.parameters ?? []).forEach((parameter, i) => walkHolder(parameter, [...root, name, 'parameters', i]));
    for (const [method, operation] of Object.entries(item)) {
      if (HTTP_METHODS.has(method)) walkOperation(operation, [...root, name, method]);
    }
  }
}

walkPathItems(contract.paths, ['paths']);
walkPathItems(contract.webhooks, ['webhooks']);
const components = contract.components ?? {};
walkPathItems(components.pathItems, ['components', 'pathItems']);
for (const [name, schema] of Object.entries(components.schemas ?? {})) walkSchema(schema, ['components', 'schemas', name]);
for (const kind of ['parameters', 'headers', 'responses', 'requestBodies']) {
  for (const [name, holder] of Object.entries(components[kind] ?? {})) walkHolder(holder, ['components', kind, name]);
}
for (const [name, named] of Object.entries(components.examples ?? {})) {
  if (named && 'value' in named) findDates(named.value, pointer(['components', 'examples', name, 'value']), [])
    .forEach((where) => checks.push({ where, unquoted: true }));
}

let failures = 0;
for (const check of checks) {
  const dates = check.unquoted ? [check.where] : findDates(check.value, check.where, []);
  for (const where of dates) {
    failures++;
    console.log(`${where}: an unquoted YAML timestamp; quote RFC 3339 strings`);
  }
  if (check.unquoted || dates.length) continue;
  const validate = ajv.getSchema(`${DOCUMENT}#${pointer(check.schemaPath)}`);
  if (!validate) {
    failures++;
    console.log(`${check.where}: no schema at ${pointer(check.schemaPath)}`);
    continue;
  }
  if (!validate(check.value)) {
    failures++;
    const reasons = validate.errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`
      + (e.params?.unevaluatedProperty ? ` (${e.params.unevaluatedProperty})` : '')
      + (e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''));
    console.log(`${check.where}: ${[...new Set(reasons)].join('; ')}`);
  }
}
console.log(`examples checked: ${checks.length}; not valid against their schema: ${failures}`);
process.exit(failures ? 1 : 0);
