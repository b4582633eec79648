// Builds the web app only when its sources changed since the last build (a hash of them is kept in
// apps/web/dist/.source-hash), so `pnpm start` and `pnpm test` do not spend 15 s rebuilding an unchanged app.
// `--force` builds regardless.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'apps/web/dist');
// What the bundle is made of: the web app, the shared package it imports, and the locked dependency versions.
const inputs = ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.ts', 'apps/web/package.json', 'packages/shared/src', 'pnpm-lock.yaml'];

function* files(p) {
  const full = path.join(root, p);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const name of readdirSync(full).sort()) yield* files(path.join(p, name));
  } else if (!/\.test\.tsx?$/.test(p)) yield p;
}

const hash = createHash('sha256');
for (const input of inputs) {
  for (const file of files(input))
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(root, file)))
      .update('\0');
}
const digest = hash.digest('hex');
const stamp = path.join(dist, '.source-hash');
const upToDate = existsSync(path.join(dist, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;

if (upToDate && !process.argv.includes('--force')) {
  console.log('Web app: up to date (apps/web/dist), not rebuilt.');
} else {
  console.log('Web app: building (apps/web/dist) …');
  execFileSync('pnpm', ['--filter', '@crm/web', 'build'], { cwd: root, stdio: 'inherit' });
  writeFileSync(stamp, digest);
}
