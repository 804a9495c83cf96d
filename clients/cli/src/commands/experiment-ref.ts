import { SlipwayApiError, type Slipway } from '@slipway/sdk';

/** An experiment's id from its name or its id (the name is tried first). */
export async function experimentIdOf(slipway: Slipway, nameOrId: string): Promise<string> {
  try {
    return (await slipway.experiments.getByName(nameOrId)).experimentId;
  } catch (error) {
    if (!(error instanceof SlipwayApiError) || error.status !== 404) throw error;
    try {
      return (await slipway.experiments.get(nameOrId)).experimentId;
    } catch (byId) {
      if (byId instanceof SlipwayApiError && byId.status === 404) throw error;
      throw byId;
    }
  }
}
