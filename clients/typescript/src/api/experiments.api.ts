import { SlipwayApiError } from '../errors';
import type { HttpClient } from '../http/http-client';
import { experimentPageSchema, experimentSchema, type Experiment } from '../schemas/tracking.schemas';
import { seg } from './path';

/** Experiments: create, get by id or name, list. */
export class ExperimentsApi {
  constructor(private readonly http: HttpClient) {}

  /** Creates an experiment; a taken name is `TRACKING.EXPERIMENT_ALREADY_EXISTS` (409). */
  create(name: string, tags: Record<string, string> = {}): Promise<Experiment> {
    const body = { name, tags: Object.entries(tags).map(([key, value]) => ({ key, value })) };
    return this.http.json(
      { method: 'POST', path: '/experiments', body, idempotent: false },
      experimentSchema,
    );
  }

  /** An experiment by id. */
  get(experimentId: string): Promise<Experiment> {
    return this.http.json(
      { method: 'GET', path: `/experiments/${seg(experimentId)}`, idempotent: true },
      experimentSchema,
    );
  }

  /** An experiment by name. */
  getByName(name: string): Promise<Experiment> {
    return this.http.json(
      { method: 'GET', path: `/experiments/by-name/${seg(name)}`, idempotent: true },
      experimentSchema,
    );
  }

  /** The experiment of this name, created when there is none (MLflow's `set_experiment`). */
  async ensure(name: string): Promise<Experiment> {
    try {
      return await this.getByName(name);
    } catch (error) {
      if (!(error instanceof SlipwayApiError) || error.status !== 404) throw error;
    }
    try {
      return await this.create(name);
    } catch (error) {
      // Another client created it in between.
      if (error instanceof SlipwayApiError && error.status === 409) return this.getByName(name);
      throw error;
    }
  }

  /** Experiments (active by default), filtered and ordered with MLflow's grammar. */
  list(
    options: {
      viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
      filter?: string;
      orderBy?: string[];
      maxResults?: number;
      pageToken?: string;
    } = {},
  ) {
    return this.http.json(
      {
        method: 'GET',
        path: '/experiments',
        query: { ...options, orderBy: options.orderBy },
        idempotent: true,
      },
      experimentPageSchema,
    );
  }
}
