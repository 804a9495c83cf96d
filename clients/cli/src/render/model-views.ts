import type { GateResult, HistoryEntry, Model, ModelSummary } from '@slipway/sdk';
import { formatNumber, formatTime, truncate } from './format';
import { renderPairs, renderTable } from './table';

/** `production=v2, staging=v3`, or `(none)`. */
export const aliasesOf = (aliases: Record<string, number>) =>
  Object.entries(aliases)
    .map(([alias, v]) => `${alias}=v${v}`)
    .join(', ') || '(none)';

/** Models as rows: name, latest version, aliases. */
export function renderModelList(models: ModelSummary[]): string {
  return renderTable(
    ['Name', 'Latest version', 'Aliases', 'Description', 'Updated'],
    models.map((m) => [
      m.name,
      String(m.lastVersion),
      aliasesOf(m.aliases),
      truncate(m.description ?? ''),
      formatTime(m.updatedAt),
    ]),
  );
}

/** One model: its versions (with the aliases they hold) and open promotion requests. */
export function renderModel(model: Model): string {
  const holders = new Map<number, string[]>();
  for (const [alias, v] of Object.entries(model.aliases)) holders.set(v, [...(holders.get(v) ?? []), alias]);
  const parts = [
    renderPairs([
      ['Name', model.name],
      ['Description', model.description ?? ''],
      ['Aliases', aliasesOf(model.aliases)],
    ]),
    'Versions',
    renderTable(
      ['Version', 'Aliases', 'Status', 'Flavor', 'Source', 'Metrics'],
      model.versions.map((v) => [
        String(v.version),
        (holders.get(v.version) ?? []).join(', '),
        v.status,
        v.flavor,
        truncate(v.source),
        Object.entries(v.metrics)
          .map(([k, x]) => `${k}=${formatNumber(x)}`)
          .join(' '),
      ]),
    ),
  ];
  if (model.openRequests.length > 0)
    parts.push(
      'Open promotion requests',
      renderTable(
        ['Request', 'Version', 'Alias', 'Requested by', 'Gates', 'Reason'],
        model.openRequests.map((r) => [
          r.id,
          String(r.version),
          r.alias,
          r.requestedBy.id,
          `${r.gates.filter((g) => g.passed).length}/${r.gates.length} passed`,
          truncate(r.reason),
        ]),
      ),
    );
  return parts.join('\n');
}

/** A promotion request's gate results. */
export function renderGates(gates: GateResult[]): string {
  if (gates.length === 0) return 'No gates.';
  return renderTable(
    ['Gate', 'Passed', 'Actual', 'Expected', 'Message'],
    gates.map((g) => [
      g.gate,
      g.passed ? 'yes' : 'NO',
      String(g.actual),
      String(g.expected),
      truncate(g.message, 60),
    ]),
  );
}

/** A model's audit trail, one event per row. */
export function renderHistory(entries: HistoryEntry[]): string {
  return renderTable(
    ['#', 'Time', 'Event', 'Actor', 'Details', 'Reason'],
    entries.map((e) => [
      String(e.position),
      formatTime(e.recordedAt),
      e.type.replace(/^dev\.slipway\.registry\./, '').replace(/\.v\d+$/, ''),
      e.actor.id,
      detailsOf(e.data),
      truncate(e.reason ?? ''),
    ]),
  );
}

function detailsOf(data: unknown): string {
  if (typeof data !== 'object' || data === null) return '';
  const d = data as Record<string, unknown>;
  return ['version', 'alias', 'requestId', 'previousVersion']
    .filter((k) => d[k] !== undefined && d[k] !== null)
    .map((k) => `${k}=${String(d[k])}`)
    .join(' ');
}
