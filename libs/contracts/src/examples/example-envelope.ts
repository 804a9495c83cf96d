import type { CloudEvent } from '../core/cloud-event';
import { createEvent } from '../core/event-definition';
import type { EventExample } from './event-examples';

/** A fixed instant, so generated documents do not change from one export to the next. */
const EXAMPLE_TIME = new Date('2025-01-31T12:00:00.000Z');

/** Who publishes an event of this stream in examples: a client for ingest, the service otherwise. */
function exampleSource(example: EventExample): string {
  if (example.def.stream === 'ingest') return '/clients/python';
  return `/slipway/${example.def.type.split('.')[2]}`;
}

/** The whole CloudEvent of an example, as it travels on the wire (deterministic id and time). */
export function exampleEnvelope(example: EventExample, index = 0): CloudEvent {
  return createEvent(example.def, example.data, {
    source: exampleSource(example),
    id: `0194b8a0-7c00-7000-8000-${index.toString(16).padStart(12, '0')}`,
    time: EXAMPLE_TIME,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  });
}
