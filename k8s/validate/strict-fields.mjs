// Unknown-field check for Kubernetes documents. The JSON schemas compiled into kubernetes-models
// accept properties they do not know (a misspelt `readOnlyRootFileSystem` would pass), so this walks
// each document along the TypeScript declarations that the same package ships (one interface per
// API type, one property per line) and reports every field that the API type does not declare,
// which is what the API server's strict field validation would reject.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const modelsRoot = path.dirname(require.resolve("kubernetes-models/package.json"));
const interfaces = new Map(); // declaration file -> { properties: Map(name -> type) }

function resolveImport(fromFile, specifier) {
  if (specifier.startsWith(".")) {
    return path.resolve(path.dirname(fromFile), specifier).replace(/\.js$/, ".d.ts");
  }
  // "@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta" and the like
  const packageName = specifier.split("/").slice(0, 2).join("/");
  const packageRoot = path.join(modelsRoot, "..", packageName);
  const rest = specifier.split("/").slice(2).join("/").replace(/\.js$/, "");
  return path.join(packageRoot, `${rest}.d.ts`);
}

/** Parses the first exported interface of a declaration file: property name -> type descriptor. */
function load(file) {
  if (interfaces.has(file)) {
    return interfaces.get(file);
  }
  const text = fs.readFileSync(file, "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
  const imports = new Map();
  for (const match of text.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
    for (const name of match[1].split(",").map((s) => s.trim())) {
      imports.set(name, { from: file, specifier: match[2] });
    }
  }
  const body = text.match(/export interface \w+(?: extends [\w, ]+)? \{\n([\s\S]*?)\n\}/);
  const properties = new Map();
  if (body) {
    const lines = body[1].split("\n");
    for (let i = 0; i < lines.length; i++) {
      const property = lines[i].match(/^ {4}"([^"]+)"\??: (.*)$/);
      if (!property) {
        continue;
      }
      let type = property[2];
      if (type === "{") { // a map: {\n [key: string]: T;\n };
        const inner = [];
        while (!/^ {4}\};?$/.test(lines[++i])) {
          inner.push(lines[i].trim());
        }
        type = `{ ${inner.join(" ")} }`;
      }
      properties.set(property[1], describe(type.replace(/;$/, ""), imports));
    }
  }
  const result = { properties, open: !body };
  interfaces.set(file, result);
  return result;
}

function describe(type, imports) {
  let match = type.match(/^Array<(\w+)>$/);
  if (match) {
    return { array: describe(match[1], imports) };
  }
  match = type.match(/^\{ \[key: string\]: (\w+);? \}$/);
  if (match) {
    return { map: describe(match[1], imports) };
  }
  if (/^I\w+$/.test(type) && imports.has(type)) {
    const { from, specifier } = imports.get(type);
    return { ref: resolveImport(from, specifier) };
  }
  return { leaf: type }; // string, number, unions, IntOrString, Quantity, free-form objects
}

function walk(value, descriptor, where, problems) {
  if (value === null || value === undefined || !descriptor) {
    return;
  }
  if (descriptor.array) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, descriptor.array, `${where}[${index}]`, problems));
    }
  } else if (descriptor.map) {
    if (typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        walk(item, descriptor.map, `${where}.${key}`, problems);
      }
    }
  } else if (descriptor.ref) {
    const declared = load(descriptor.ref);
    if (declared.open || typeof value !== "object" || Array.isArray(value) || declared.properties.size === 0) {
      return; // not an object type (Quantity, IntOrString, RawExtension ...) or free-form
    }
    for (const [key, item] of Object.entries(value)) {
      if (!declared.properties.has(key)) {
        problems.push(`${where}.${key}: unknown field`);
      } else {
        walk(item, declared.properties.get(key), `${where}.${key}`, problems);
      }
    }
  }
}

/** Unknown fields of a document whose model class lives in kubernetes-models/<module>/<Kind>. */
export function unknownFields(document, modelModule) {
  const file = path.join(modelsRoot, modelModule, `${document.kind}.d.ts`);
  const problems = [];
  walk(document, { ref: file }, document.kind, problems);
  return problems;
}
