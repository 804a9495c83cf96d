import type { z } from 'zod';
import { ConfigError, formatProblem, type ConfigProblem } from './config-error';
import { redact } from './redact';

type Env = Record<string, string | undefined>;

/**
 * Parses the variables named by `schema` from `env`. An empty value counts as unset, so
 * `FOO=` in a compose file falls back to the default. Variables the schema does not name are
 * ignored.
 *
 * @throws {@link ConfigError} (`CONFIG.INVALID`) naming every bad variable and why.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Env = process.env): z.output<S> {
  const input: Env = {};
  for (const name of Object.keys(schema.shape)) {
    const value = env[name];
    if (value !== undefined && value !== '') input[name] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;

  const problems = new Map<string, ConfigProblem>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(config)');
    if (problems.has(variable)) continue;
    const value = input[variable];
    problems.set(
      variable,
      value === undefined
        ? { variable, reason: 'is required' }
        : { variable, reason: issue.message, value: redact(variable, value) },
    );
  }
  throw new ConfigError([...problems.values()]);
}

/**
 * {@link loadConfig} for a service's start: on a bad environment, prints which variables are
 * wrong to stderr and exits with status 1, so an orchestrator sees a clear failed start.
 */
export function loadServiceConfig<S extends z.ZodObject>(
  schema: S,
  serviceName: string,
  env: Env = process.env,
): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.problems.map((p) => `  ${formatProblem(p)}\n`).join('');
    process.stderr.write(`${serviceName}: invalid configuration\n${lines}`);
    process.exit(1);
  }
}
