// Runs `npm ci` only when node_modules is missing or package-lock.json changed since the last
// install (a SHA-256 of the lock is kept in node_modules/.baton-lock.sha256). Maven calls this
// before `npm test` and `npm run build`, so a repeated build costs no install.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
const stamp = join(root, 'node_modules', '.baton-lock.sha256');
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash) {
  console.log('ui: node_modules is up to date with package-lock.json');
  process.exit(0);
}
console.log('ui: npm ci (node_modules missing or package-lock.json changed)');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stamp, hash + '\n');
