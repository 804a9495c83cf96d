import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { EXPORT_COMMAND, GENERATED_DIR, generateContractFiles } from './generate';

const generatedDir = join(__dirname, '..', '..', 'generated');

function committedFiles(): Map<string, string> {
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(generatedDir, { recursive: true, withFileTypes: true });
  } catch {
    // No directory: every expected file is reported missing below.
  }
  return new Map(
    entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .map((path) => [relative(generatedDir, path).split(sep).join('/'), readFileSync(path, 'utf8')]),
  );
}

test(`export - ${GENERATED_DIR} matches the contracts`, () => {
  const expected = generateContractFiles();
  const actual = committedFiles();
  const missing = [...expected.keys()].filter((path) => !actual.has(path));
  const extra = [...actual.keys()].filter((path) => !expected.has(path));
  const changed = [...expected.keys()].filter(
    (path) => actual.has(path) && actual.get(path) !== expected.get(path),
  );
  const problems = [
    ...missing.map((p) => `missing: ${p}`),
    ...extra.map((p) => `extra: ${p}`),
    ...changed.map((p) => `out of date: ${p}`),
  ];
  if (problems.length > 0) {
    throw new Error(`${GENERATED_DIR} is stale; run \`${EXPORT_COMMAND}\`:\n  ${problems.join('\n  ')}`);
  }
});

test('export - generation is deterministic', () => {
  const first = generateContractFiles();
  const second = generateContractFiles();
  expect([...second.entries()]).toEqual([...first.entries()]);
  for (const content of first.values()) expect(content.endsWith('}\n')).toBe(true);
});
