// Quotes the dates and timestamps the contract's YAML writer leaves plain (2026-10-01, 2026-10-01T09:00:00+04:00):
// a YAML 1.1 reader (SnakeYAML in Specmatic and openapi-generator) would turn them into timestamps. Run by the
// openapi Maven profile after it has copied the generated contract. Usage: node quote-timestamps.mjs <file.yaml>
import fs from 'node:fs';

const file = process.argv[2];
const PLAIN_TIMESTAMP = /(: |- )(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?)$/gm;
fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(PLAIN_TIMESTAMP, "$1'$2'"));
