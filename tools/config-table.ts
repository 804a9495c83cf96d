/**
 * Prints the README's configuration table from the services' zod config schemas, so the
 * documentation cannot drift from what the services validate: `npm run docs:config`.
 */
import { describeConfig } from '@slipway/config';
import { gatewayConfigSchema } from '../services/gateway/src/config/gateway.config';
import { notifierConfigSchema } from '../services/notifier/src/config/notifier.config';
import { pipelineConfigSchema } from '../services/pipeline/src/config/pipeline.config';
import { registryConfigSchema } from '../services/registry/src/config/registry.config';
import { servingConfigSchema } from '../services/serving/src/config/serving.config';
import { trackingConfigSchema } from '../services/tracking/src/config/tracking.config';

const schemas = {
  gateway: gatewayConfigSchema,
  tracking: trackingConfigSchema,
  registry: registryConfigSchema,
  pipeline: pipelineConfigSchema,
  serving: servingConfigSchema,
  notifier: notifierConfigSchema,
};

const rows = new Map<string, { services: string[]; description: string; defaults: Set<string> }>();
for (const [service, schema] of Object.entries(schemas)) {
  for (const row of describeConfig(schema)) {
    const entry = rows.get(row.name) ?? {
      services: [],
      description: row.description,
      defaults: new Set<string>(),
    };
    entry.services.push(service);
    if (row.default !== undefined) entry.defaults.add(String(row.default));
    rows.set(row.name, entry);
  }
}

const all = Object.keys(schemas).length;
const lines = ['| variable | used by | default | meaning |', '|---|---|---|---|'];
for (const [name, { services, description, defaults }] of rows) {
  const usedBy = services.length === all ? 'all' : services.join(', ');
  const def = defaults.size === 0 ? '—' : defaults.size === 1 ? `\`${[...defaults][0]}\`` : 'per service';
  const text = description.replace(/\s*Default: `[^`]*`\.?/, '').replace(/\|/g, '\\|');
  lines.push(`| \`${name}\` | ${usedBy} | ${def} | ${text} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
