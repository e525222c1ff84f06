// The municipal site of the browser tests: serves host/index.html with the API and issuer filled in,
// on one port of several loopback addresses (each address is another origin).
// Usage: node host-server.mjs <port> <api> <issuer> <address>...
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [port, api, issuer, ...addresses] = process.argv.slice(2);
const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'host', 'index.html'), 'utf8');

const handler = (request, response) => {
  const url = new URL(request.url, 'http://host');
  if (url.pathname !== '/' && url.pathname !== '/index.html') {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    return;
  }
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'ru';
  const page = template.replaceAll('{{API}}', api).replaceAll('{{ISSUER}}', issuer).replaceAll('{{LANG}}', lang);
  response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
};

for (const address of addresses) {
  createServer(handler).listen(Number(port), address, () => console.log(`host page on http://${address}:${port}/`));
}
