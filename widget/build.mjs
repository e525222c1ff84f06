// Builds the widget into the directory given as the first argument (the Maven build passes
// target/classes/otklik-widget): otklik.js (minified, one file) and the static pages.
// Installs the pinned packages with `npm ci` first when package-lock.json changed since the last install.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] || join(here, 'dist'));
const LIMIT_GZIP = 50 * 1024;

const lockHash = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
const stamp = join(here, 'node_modules', '.otklik-lock-sha256');
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: here, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed in widget/');
    process.exit(result.status || 1);
  }
  writeFileSync(stamp, lockHash);
}

const esbuild = await import('esbuild');
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, 'src', 'otklik.js')],
  outfile: join(out, 'otklik.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  legalComments: 'eof',
  logLevel: 'warning',
});
for (const page of ['callback.html', 'demo.html']) copyFileSync(join(here, 'static', page), join(out, page));

const gzipped = gzipSync(readFileSync(join(out, 'otklik.js')), { level: 9 }).length;
if (gzipped > LIMIT_GZIP) {
  console.error(`otklik.js is ${gzipped} bytes gzipped, over the ${LIMIT_GZIP} byte budget`);
  process.exit(1);
}
console.log(`widget: ${join(out, 'otklik.js')} (${gzipped} bytes gzipped)`);
