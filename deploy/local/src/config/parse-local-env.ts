import { localEnvSchema, type LocalEnv } from './local-env.schema';

/** A bad environment variable: the message names it. */
export class LocalEnvError extends Error {
  readonly code = 'LOCAL.INVALID_ENV';

  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
    this.name = 'LocalEnvError';
  }
}

/** Validates the environment of `npm start`; throws {@link LocalEnvError} naming every bad variable. */
export function parseLocalEnv(env: NodeJS.ProcessEnv): LocalEnv {
  const result = localEnvSchema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    message: issue.message,
  }));
  const text = problems.map(
    (p) => `  ${p.variable}: ${p.message} (got ${JSON.stringify(env[p.variable] ?? '')})`,
  );
  return fail(
    `Invalid environment:\n${text.join('\n')}`,
    problems.map((p) => p.variable),
  );
}

function fail(message: string, variables: string[]): never {
  throw new LocalEnvError(message, variables);
}
