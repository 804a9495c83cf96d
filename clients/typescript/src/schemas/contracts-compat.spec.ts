import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type {
  artifactFileViewSchema,
  comparisonRowSchema as contractComparisonRow,
  experimentViewSchema,
  historyEntrySchema as contractHistoryEntry,
  logBatchResultSchema as contractLogBatchResult,
  modelSummarySchema as contractModelSummary,
  modelViewSchema,
  runViewSchema,
  seriesPointSchema as contractSeriesPoint,
} from '@slipway/contracts';
import type { artifactEntrySchema } from './artifacts.schemas';
import type { historyEntrySchema, modelSchema, modelSummarySchema } from './registry.schemas';
import type {
  comparisonRowSchema,
  experimentSchema,
  logBatchResultSchema,
  runSchema,
  seriesPointSchema,
} from './tracking.schemas';

/**
 * Type-level guard (checked by `tsc`): whatever the services send (the contracts' wire form)
 * must be readable by the SDK's schemas. A contract change that breaks the SDK fails typecheck.
 */
type Reads<Sdk extends z.ZodType, Contract extends z.ZodType> =
  z.input<Contract> extends z.input<Sdk> ? true : false;
const compatible: [
  Reads<typeof runSchema, typeof runViewSchema>,
  Reads<typeof experimentSchema, typeof experimentViewSchema>,
  Reads<typeof comparisonRowSchema, typeof contractComparisonRow>,
  Reads<typeof seriesPointSchema, typeof contractSeriesPoint>,
  Reads<typeof logBatchResultSchema, typeof contractLogBatchResult>,
  Reads<typeof modelSchema, typeof modelViewSchema>,
  Reads<typeof modelSummarySchema, typeof contractModelSummary>,
  Reads<typeof historyEntrySchema, typeof contractHistoryEntry>,
  Reads<typeof artifactEntrySchema, typeof artifactFileViewSchema>,
] = [true, true, true, true, true, true, true, true, true];

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/(spec|fixture)\.ts$/.test(name) ? [path] : [];
  });
}

describe('sdk - boundaries', () => {
  test('sdk - the SDK schemas read every reply shape of the contracts (typecheck)', () => {
    expect(compatible.every(Boolean)).toBe(true);
  });

  test('sdk - outside nats.ts and testing/, nothing imports Node modules or runtime contracts (it runs in browsers)', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => !file.includes(`${join(SRC, 'testing')}`) && !file.includes(join(SRC, 'nats')))
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        const imports = [...text.matchAll(/^import (?!type )[^;]*? from '([^']+)';/gms)].map((m) => m[1]!);
        const bad = imports.filter(
          (i) => i.startsWith('node:') || i.startsWith('@slipway/') || i.startsWith('@nats-io/'),
        );
        return bad.map((i) => `${relative(SRC, file)}: ${i}`);
      });
    expect(offenders).toEqual([]);
  });
});
