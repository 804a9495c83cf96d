/** The default first token of every Slipway subject; configurable so test suites and tenants can share a server. */
export const DEFAULT_SUBJECT_ROOT = 'slipway';

const ROOT_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** Checks a subject root (`slipway`, `test_ab12`): NATS tokens without wildcards or spaces. */
export function assertSubjectRoot(root: string): string {
  if (!ROOT_PATTERN.test(root)) {
    throw new Error(`subject root "${root}" must be dot-separated tokens of letters, digits, '-' or '_'`);
  }
  return root;
}

/** Prefixes a root-relative subject (`evt.registry.model.promoted`) with the root. */
export function withRoot(root: string, relativeSubject: string): string {
  return `${assertSubjectRoot(root)}.${relativeSubject}`;
}
