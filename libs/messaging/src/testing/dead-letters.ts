import { JetStreamApiError, type JetStreamManager } from '@nats-io/jetstream';
import { type DeadLetter, readDeadLetter } from '../dlq';
import { streamNameOf } from '../stream-config';

/** Every message of the DLQ stream of `root`, oldest first. */
export async function deadLettersOf(
  jsm: JetStreamManager,
  root: string,
): Promise<(DeadLetter & { subject: string })[]> {
  const stream = streamNameOf('dlq', root);
  const { state } = await jsm.streams.info(stream);
  const letters: (DeadLetter & { subject: string })[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    try {
      const m = await jsm.streams.getMessage(stream, { seq });
      if (m) letters.push({ ...readDeadLetter({ headers: m.header, data: m.data }), subject: m.subject });
    } catch (err) {
      if (!(err instanceof JetStreamApiError)) throw err;
    }
  }
  return letters;
}
