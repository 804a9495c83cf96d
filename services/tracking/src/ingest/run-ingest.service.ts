import { Inject, Injectable } from '@nestjs/common';
import {
  type CloudEvent,
  type ParamsLoggedData,
  RunCreated,
  type RunFinishedData,
  type RunStartedData,
  RunStatusChanged,
  type TagsSetData,
} from '@slipway/contracts';
import type { EventPublisher } from '@slipway/messaging';
import { EVENT_PUBLISHER } from '@slipway/runtime';
import { runCreatedData, runStatusChangedData } from '../runs/run-events';
import { createRunInputFromEvent } from '../runs/run-started.mapping';
import { ParamsService } from '../runs/params.service';
import { RunsService } from '../runs/runs.service';
import { TagsService } from '../runs/tags.service';

/**
 * Applies a run's telemetry (ingest events, delivered at least once) to the stores and announces
 * what changed. Domain events take ids derived from the ingest event's id, so a redelivered
 * event that re-announces is dropped by JetStream's duplicate window.
 */
@Injectable()
export class RunIngestService {
  constructor(
    private readonly runs: RunsService,
    private readonly params: ParamsService,
    private readonly tags: TagsService,
    @Inject(EVENT_PUBLISHER) private readonly publisher: EventPublisher,
  ) {}

  async runStarted(event: CloudEvent<RunStartedData>): Promise<void> {
    const { run } = await this.runs.create(createRunInputFromEvent(event.data));
    await this.publisher.publish(RunCreated, runCreatedData(run), { id: `${event.id}.created` });
  }

  async paramsLogged(event: CloudEvent<ParamsLoggedData>): Promise<void> {
    await this.params.logParams(event.data.runId, event.data.params);
  }

  async tagsSet(event: CloudEvent<TagsSetData>): Promise<void> {
    await this.tags.setTags(event.data.runId, event.data.tags);
  }

  async runFinished(event: CloudEvent<RunFinishedData>): Promise<void> {
    const { run, previousStatus, changed } = await this.runs.update(event.data.runId, {
      status: event.data.status,
      endTime: event.data.endTime,
    });
    if (!changed) return;
    await this.publisher.publish(RunStatusChanged, runStatusChangedData(run, previousStatus), {
      id: `${event.id}.status`,
    });
  }
}
