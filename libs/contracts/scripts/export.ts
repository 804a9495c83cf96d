/**
 * Writes libs/contracts/generated (JSON Schemas and the AsyncAPI document) from the zod contracts.
 * Run from the repository root: `npm run contracts:export`. Files no longer generated are removed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { generateContractFiles } from '../src/export/generate';

const outDir = join(__dirname, '..', 'generated');

function existingFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
  } catch {
    return [];
  }
}

const files = generateContractFiles();
let written = 0;
for (const [path, content] of files) {
  const target = join(outDir, path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === content) continue;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
  written += 1;
}
const stale = existingFiles(outDir).filter((path) => !files.has(path));
for (const path of stale) rmSync(join(outDir, path));

console.log(
  `contracts: ${files.size} files in ${relative(process.cwd(), outDir) || outDir} (${written} written, ${stale.length} removed)`,
);
