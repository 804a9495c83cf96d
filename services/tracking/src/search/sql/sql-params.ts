/**
 * Collects the values of a query built piece by piece and names their placeholders (`:p0`, `:p1`…)
 * for TypeORM, so values never enter the SQL text and two pieces never pick the same name.
 */
export class SqlParams {
  private readonly values: Record<string, unknown> = {};
  private count = 0;

  /** Stores `value` and returns the placeholder to write in its place. */
  add(value: unknown): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `:${name}`;
  }

  /** The values by placeholder name, for `setParameters`. */
  all(): Record<string, unknown> {
    return { ...this.values };
  }
}
