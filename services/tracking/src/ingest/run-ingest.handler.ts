import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type CloudEvent,
  type ParamsLoggedData,
  ParamsLogged,
  type RunFinishedData,
  RunFinished,
  type RunStartedData,
  RunStarted,
  type TagsSetData,
  TagsSet,
} from '@slipway/contracts';
import { OnEvent } from '@slipway/messaging';
import { RunIngestService } from './run-ingest.service';

/**
 * JetStream handlers of a run's lifecycle events on `slipway.ingest.runs.<runId>.*`. The
 * transport has validated each event against its schema (invalid ones went to the DLQ); a
 * handler error (e.g. params for a run whose start is not stored yet) is retried with backoff.
 */
@Controller()
export class RunIngestHandler {
  constructor(private readonly ingest: RunIngestService) {}

  @OnEvent(RunStarted)
  started(@Payload() event: CloudEvent<RunStartedData>): Promise<void> {
    return this.ingest.runStarted(event);
  }

  @OnEvent(ParamsLogged)
  paramsLogged(@Payload() event: CloudEvent<ParamsLoggedData>): Promise<void> {
    return this.ingest.paramsLogged(event);
  }

  @OnEvent(TagsSet)
  tagsSet(@Payload() event: CloudEvent<TagsSetData>): Promise<void> {
    return this.ingest.tagsSet(event);
  }

  @OnEvent(RunFinished)
  finished(@Payload() event: CloudEvent<RunFinishedData>): Promise<void> {
    return this.ingest.runFinished(event);
  }
}
