import type { z } from 'zod';

/** One row of a service's configuration table (README, `--help`). */
export interface ConfigRow {
  /** The environment variable. */
  name: string;
  /** Its default as an env string; `undefined` when required or optional without default. */
  default: string | undefined;
  /** Whether the service refuses to start without it. */
  required: boolean;
  /** What it does, from the schema's `.describe()` text. */
  description: string;
}

/** Lists the variables of a config schema with defaults and descriptions, in schema order. */
export function describeConfig(schema: z.ZodObject): ConfigRow[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const def = (field as z.ZodType).def as { type: string; defaultValue?: unknown };
    const hasDefault = def.type === 'prefault' || def.type === 'default';
    return {
      name,
      default: hasDefault ? String(def.defaultValue) : undefined,
      required: !hasDefault && def.type !== 'optional',
      description: (field as z.ZodType).description ?? '',
    };
  });
}

/** The rows of {@link describeConfig} as a Markdown table. */
export function configMarkdownTable(schema: z.ZodObject): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  const rows = describeConfig(schema).map(
    (r) =>
      `| \`${r.name}\` | ${r.default === undefined ? (r.required ? 'required' : '') : `\`${escape(r.default)}\``} | ${escape(r.description)} |`,
  );
  return ['| Variable | Default | Description |', '|---|---|---|', ...rows].join('\n');
}
