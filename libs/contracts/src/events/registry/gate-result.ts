import { z } from 'zod';

/** A measured or required value of a promotion gate: a number, a string, a boolean or nothing. */
export const gateValueSchema = z.union([z.number(), z.string().max(1024), z.boolean(), z.null()]);

/** The outcome of one promotion gate ("accuracy not below production's"). */
export const gateResultSchema = z.object({
  /** The gate's name, e.g. `accuracy_vs_production`. */
  gate: z.string().min(1).max(128),
  passed: z.boolean(),
  /** What the candidate measured. */
  actual: gateValueSchema,
  /** What the gate required, e.g. `>= 0.91`. */
  expected: gateValueSchema,
  /** One line a person can read. */
  message: z.string().max(2000),
});
export type GateResult = z.infer<typeof gateResultSchema>;
