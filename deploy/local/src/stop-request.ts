/** The one request to stop a run: the first reason and exit code win. */
export class StopRequest {
  reason: string | undefined;
  exitCode = 0;
  readonly requested: Promise<void>;
  private resolve!: () => void;

  constructor() {
    this.requested = new Promise((resolve) => (this.resolve = resolve));
  }

  get isRequested(): boolean {
    return this.reason !== undefined;
  }

  request(reason: string, exitCode: number): void {
    if (this.isRequested) return;
    this.reason = reason;
    this.exitCode = exitCode;
    this.resolve();
  }
}
