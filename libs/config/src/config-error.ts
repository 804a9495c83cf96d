import { SlipwayError } from '@slipway/contracts';

/** Stable code of every configuration error. */
export const CONFIG_INVALID = 'CONFIG.INVALID';

/** One environment variable that failed validation. */
export interface ConfigProblem {
  /** The variable's name, e.g. `HTTP_PORT`. */
  variable: string;
  /** Why it was refused, e.g. `expected an integer 1-65535`. */
  reason: string;
  /** The value as read (secrets redacted), or undefined when the variable was missing. */
  value?: string;
}

/** Raised at start when the environment does not match a service's config schema. */
export class ConfigError extends SlipwayError {
  constructor(readonly problems: ConfigProblem[]) {
    super(CONFIG_INVALID, `invalid configuration: ${problems.map(formatProblem).join('; ')}`, { problems });
    this.name = 'ConfigError';
  }
}

/** `HTTP_PORT: expected an integer 1-65535, got "abc"` or `DATABASE_URL: is required`. */
export function formatProblem(problem: ConfigProblem): string {
  const got = problem.value === undefined ? '' : `, got ${JSON.stringify(problem.value)}`;
  return `${problem.variable}: ${problem.reason}${got}`;
}
