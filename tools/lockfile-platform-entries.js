/**
 * Adds lockfile entries for chDB's platform packages that the npm registry reachable here
 * does not serve (only linux-x64 is mirrored). Without them `npm ci` refuses the lockfile
 * ("Missing: @chdb/lib-darwin-arm64@ from lock file"); with them it skips the packages on
 * other platforms by their `os`/`cpu`, as it would with a lockfile made on a full registry.
 * Run after any `npm install` that rewrites package-lock.json: `node tools/lockfile-platform-entries.js`.
 */
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const platforms = {
  'lib-darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'lib-darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'lib-linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'lib-linux-x64-gnu': { os: ['linux'], cpu: ['x64'], libc: ['glibc'] },
};
let added = 0;
for (const [name, entry] of Object.entries(lock.packages)) {
  if (!name.endsWith('node_modules/chdb')) continue;
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = name.replace(/chdb$/, dep);
    const short = dep.replace('@chdb/', '');
    if (lock.packages[key] || !platforms[short]) continue;
    lock.packages[key] = { version, license: 'Apache-2.0', optional: true, ...platforms[short] };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
fs.writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`lockfile: added ${added} platform entr${added === 1 ? 'y' : 'ies'}\n`);
