import { ParamConflictError, RunAlreadyExistsError } from './run.errors';

test('ParamConflictError - names the key, the logged value and the new one; long values are clipped in the message only', () => {
  const long = 'x'.repeat(500);
  const error = new ParamConflictError('r1', [
    { key: 'lr', loggedValue: '0.1', newValue: long },
    { key: 'depth', loggedValue: '3', newValue: '4' },
  ]);
  expect(error.code).toBe('TRACKING.PARAM_CONFLICT');
  expect(error.name).toBe('ParamConflictError');
  expect(error.message).toMatch(
    /^param "lr" of run r1 was logged with value "0\.1", cannot change it to "x{99}…"/,
  );
  expect(error.message).toContain('(and 1 more)');
  expect(error.details).toMatchObject({ key: 'lr', loggedValue: '0.1', newValue: long });
  expect(error.toJSON().details?.['conflicts']).toHaveLength(2);
});

test('ParamConflictError - says when the conflict is inside one batch', () => {
  const error = new ParamConflictError('r1', [{ key: 'a', loggedValue: '1', newValue: '2' }], 'batch');
  expect(error.message).toContain('is given earlier in the same batch');
});

test('RunAlreadyExistsError - lists the fields that differ', () => {
  const error = new RunAlreadyExistsError('r1', [{ field: 'startTime', stored: 1, given: 2 }]);
  expect(error.message).toBe('run r1 already exists with other startTime');
  expect(error.code).toBe('TRACKING.RUN_ALREADY_EXISTS');
});
