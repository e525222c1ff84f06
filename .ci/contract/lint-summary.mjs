// Summarises Spectral's JSON output for .ci/run: counts per rule and severity, and the errors that fail the lint.
// An OWASP rule (owasp:*) fails it only with the OWASP gate on. Exits 1 when an error fails the lint.
// Usage: node lint-summary.mjs <spectral.json> <owasp-gate: on|off>
import fs from 'node:fs';

const [resultsFile, owaspGate] = process.argv.slice(2);
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const counts = new Map();
for (const result of results) {
  const entry = counts.get(result.code) ?? [0, 0, 0, 0];
  entry[result.severity]++;
  counts.set(result.code, entry);
}
const gated = (result) => result.severity === 0 && (owaspGate === 'on' || !String(result.code).startsWith('owasp:'));
const failing = results.filter(gated);

console.log('rule                                          errors  warnings');
for (const [code, entry] of [...counts].sort((a, b) => b[1][0] - a[1][0] || b[1][1] - a[1][1])) {
  console.log(`${code.padEnd(45)} ${String(entry[0]).padStart(6)} ${String(entry[1]).padStart(9)}`);
}
const total = (severity) => results.filter((result) => result.severity === severity).length;
console.log(`total: ${total(0)} errors, ${total(1)} warnings; OWASP gate ${owaspGate}`);
for (const result of failing) {
  console.log(`${SEVERITIES[result.severity]} ${result.code} at ${result.path.join('.')}: ${result.message}`);
}
if (failing.length) {
  console.log(`${failing.length} errors fail the contract lint`);
  process.exit(1);
}
