import type { ModelVersionView } from '@slipway/contracts';
import { latestPerStage, toVersionDetail } from './version-detail';

const view = (version: number, status: 'active' | 'archived' = 'active'): ModelVersionView => ({
  version,
  source: `runs:/r${version}/model`,
  runId: null,
  flavor: 'sklearn',
  signature: null,
  metrics: {},
  tags: {},
  status,
  description: null,
  createdBy: null,
  createdAt: null,
  updatedAt: null,
});

describe('version detail', () => {
  test('stage - archived wins, then production over staging, else None; aliases listed sorted', () => {
    const aliases = { staging: 2, production: 2, champion: 2, canary: 3, production_eu: 4 };
    expect(toVersionDetail('m', view(2), aliases)).toMatchObject({
      model: 'm',
      aliases: ['champion', 'production', 'staging'],
      stage: 'Production',
    });
    expect(toVersionDetail('m', view(3), { staging: 3 }).stage).toBe('Staging');
    expect(toVersionDetail('m', view(4), aliases).stage).toBe('None');
    expect(toVersionDetail('m', view(5, 'archived'), { production: 5 }).stage).toBe('Archived');
  });

  test('latest per stage - the highest version in each stage asked for, in MLflow stage order', () => {
    const details = [
      toVersionDetail('m', view(1, 'archived'), {}),
      toVersionDetail('m', view(2), { production: 2 }),
      toVersionDetail('m', view(3), {}),
      toVersionDetail('m', view(4), {}),
      toVersionDetail('m', view(5, 'archived'), {}),
    ];
    expect(latestPerStage(details).map((v) => [v.stage, v.version])).toEqual([
      ['None', 4],
      ['Production', 2],
      ['Archived', 5],
    ]);
    expect(latestPerStage(details, ['Archived', 'Staging']).map((v) => v.version)).toEqual([5]);
  });
});
