import type { FoldedModel } from '../read-models/model-fold';

/**
 * The last folded state of recently used model streams, so a command reads only the events
 * appended since (events never change, so a fold up to version N stays true; another replica's
 * appends are simply read on top). Least recently used entries go first past `capacity`.
 */
export class FoldedModelsCache {
  private readonly entries = new Map<string, FoldedModel>();

  constructor(private readonly capacity = 1_000) {}

  get(streamId: string): FoldedModel | undefined {
    const found = this.entries.get(streamId);
    if (found) {
      this.entries.delete(streamId);
      this.entries.set(streamId, found);
    }
    return found;
  }

  set(folded: FoldedModel): void {
    this.entries.delete(folded.streamId);
    this.entries.set(folded.streamId, folded);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
