import { z } from 'zod';

/** One column or tensor of a model's input or output (MLflow's `ColSpec` / `TensorSpec`). */
export const signatureFieldSchema = z.object({
  /** Column name; absent for unnamed tensors. */
  name: z.string().max(256).optional(),
  /** `double`, `long`, `string`, `boolean`, … or a tensor dtype (`float32`). */
  type: z.string().min(1).max(64),
  /** Tensor shape, `-1` for a variable dimension; absent for columns. */
  shape: z.array(z.int()).optional(),
  /** Whether the column may be missing. */
  optional: z.boolean().optional(),
});
export type SignatureField = z.infer<typeof signatureFieldSchema>;

/** What a model takes and returns, so serving can validate requests. */
export const modelSignatureSchema = z.object({
  inputs: z.array(signatureFieldSchema),
  outputs: z.array(signatureFieldSchema),
});
export type ModelSignature = z.infer<typeof modelSignatureSchema>;

/** The MLflow flavor serving loads the model with: `sklearn`, `onnx`, `python_function`, … */
export const flavorSchema = z
  .string()
  .regex(/^[a-z0-9_.-]{1,64}$/, 'must be 1 to 64 lower-case letters, digits, _ . or -')
  .describe('Model flavor, e.g. sklearn, onnx, python_function');
