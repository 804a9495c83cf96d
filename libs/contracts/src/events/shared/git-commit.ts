import { z } from 'zod';

/** A git commit id, full or abbreviated (git accepts abbreviations of 4 digits and more). */
export const gitCommitSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{4,64}$/, 'must be a hexadecimal commit id of 4 to 64 digits')
  .describe('Commit of the code that ran');
