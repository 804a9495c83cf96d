import { RunStarted } from '@slipway/contracts';
import { createRunInputSchema } from './runs.service';
import { createRunInputFromEvent } from './run-started.mapping';

test('RunStarted mapping - every field of the event reaches the run input, which accepts it', () => {
  const event = RunStarted.schema.parse({
    runId: 'r1',
    experimentName: 'churn',
    runName: 'svc',
    user: 'ana',
    source: 'train.py',
    gitCommit: 'abc1234',
    parentRunId: 'p1',
    startTime: 5,
    tags: [{ key: 'team', value: 'ml' }],
  });
  const input = createRunInputFromEvent(event);
  expect(input).toEqual({
    runId: 'r1',
    experimentId: undefined,
    experimentName: 'churn',
    runName: 'svc',
    userId: 'ana',
    sourceName: 'train.py',
    gitCommit: 'abc1234',
    parentRunId: 'p1',
    startTime: 5,
    tags: [{ key: 'team', value: 'ml' }],
  });
  expect(createRunInputSchema.safeParse(input).success).toBe(true);
});
