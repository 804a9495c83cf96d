import { z } from 'zod';

/** Every status a tracking run can have (MLflow's `RunStatus`). */
export const runStatusSchema = z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** The statuses a run ends with. */
export const terminalRunStatusSchema = z.enum(['FINISHED', 'FAILED', 'KILLED']);
export type TerminalRunStatus = z.infer<typeof terminalRunStatusSchema>;
