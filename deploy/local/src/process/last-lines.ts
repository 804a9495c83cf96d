/** Keeps the last `capacity` lines written to it. */
export class LastLines {
  private readonly lines: string[] = [];

  constructor(private readonly capacity: number) {}

  push(line: string): void {
    this.lines.push(line);
    if (this.lines.length > this.capacity) this.lines.shift();
  }

  all(): string[] {
    return [...this.lines];
  }
}
