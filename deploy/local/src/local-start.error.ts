/** A reason `npm start` cannot go on, with the lines that explain it. */
export class LocalStartError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LocalStartError';
  }
}
