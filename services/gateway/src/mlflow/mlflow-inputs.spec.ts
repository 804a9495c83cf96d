import { z } from 'zod';
import {
  idString,
  int64,
  metricValue,
  repeated,
  required,
  runRef,
  stage,
  versionNumber,
  withRunId,
} from './mlflow-inputs';

describe('mlflow inputs - what MLflow clients send', () => {
  test('int64 fields - numbers and decimal strings are integers; anything else names the field', () => {
    const s = z.object({ timestamp: int64 });
    expect(s.parse({ timestamp: '1700000000000' })).toEqual({ timestamp: 1700000000000 });
    expect(s.parse({ timestamp: 1700000000000 })).toEqual({ timestamp: 1700000000000 });
    expect(s.safeParse({ timestamp: '17.5' }).success).toBe(false);
    expect(s.safeParse({ timestamp: 1.5 }).error?.issues[0]?.path).toEqual(['timestamp']);
  });

  test('ids and versions - a number becomes the string MLflow uses; a version string its number', () => {
    expect(idString.parse(1)).toBe('1');
    expect(idString.parse('12')).toBe('12');
    expect(idString.safeParse('').success).toBe(false);
    expect(versionNumber.parse('3')).toBe(3);
    expect(versionNumber.safeParse('0').success).toBe(false);
  });

  test('required - an absent field gets MLflow message naming it', () => {
    const s = z.object({ name: required('name', z.string().min(1)) });
    const issues = s.safeParse({}).error?.issues ?? [];
    expect(issues).toEqual([
      expect.objectContaining({ path: ['name'], message: "Missing value for required parameter 'name'." }),
    ]);
    expect(s.parse({ name: 'x' })).toEqual({ name: 'x' });
  });

  test('repeated - one query value or several are a list', () => {
    expect(repeated(z.string()).parse('a')).toEqual(['a']);
    expect(repeated(z.string()).parse(['a', 'b'])).toEqual(['a', 'b']);
  });

  test('metric values - numbers, non-finite names and numbers in strings', () => {
    expect(metricValue.parse(0.5)).toBe(0.5);
    expect(metricValue.parse('NaN')).toBe('NaN');
    expect(metricValue.parse('-Infinity')).toBe('-Infinity');
    expect(metricValue.parse('1e-3')).toBe(0.001);
    expect(metricValue.safeParse('nan-ish').success).toBe(false);
  });

  test('run reference - run_id, else the deprecated run_uuid; neither names run_id', () => {
    const s = withRunId(z.object({ ...runRef, key: z.string() }));
    expect(s.parse({ run_uuid: 'abc', key: 'k' }).runId).toBe('abc');
    expect(s.parse({ run_id: 'x1', run_uuid: 'x1', key: 'k' }).runId).toBe('x1');
    expect(s.safeParse({ key: 'k' }).error?.issues[0]).toMatchObject({
      path: ['run_id'],
      message: "Missing value for required parameter 'run_id'.",
    });
  });

  test('stages - any case, as MLflow canonicalises them', () => {
    expect(stage.parse('staging')).toBe('Staging');
    expect(stage.parse('PRODUCTION')).toBe('Production');
    expect(stage.safeParse('Prod').success).toBe(false);
  });
});
