import type { z } from 'zod';
import {
  envBoolean,
  envEnum,
  envIdentifier,
  envOriginList,
  envPort,
  envSubjectRoot,
  envUrl,
  envUrlList,
} from './env-types';

const ok = <T>(schema: z.ZodType<T>, raw: string) => schema.parse(raw);
const fail = (schema: z.ZodType, raw: string) => {
  const result = schema.safeParse(raw);
  expect(result.success).toBe(false);
  return result.error?.issues[0]?.message;
};

describe('env types', () => {
  test('envBoolean - "false" and "0" are false, "TRUE" and "1" are true', () => {
    expect(ok(envBoolean(), 'false')).toBe(false);
    expect(ok(envBoolean(), '0')).toBe(false);
    expect(ok(envBoolean(), 'TRUE')).toBe(true);
    expect(ok(envBoolean(), '1')).toBe(true);
  });

  test('envBoolean - refuses other words', () => {
    expect(fail(envBoolean(), 'yes')).toBe('expected true, false, 1 or 0');
  });

  test('envPort - parses a port and refuses text, 0 and 65536', () => {
    expect(ok(envPort(), ' 8080 ')).toBe(8080);
    expect(fail(envPort(), 'abc')).toBe('expected an integer 1-65535');
    expect(fail(envPort(), '0')).toBe('expected an integer 1-65535');
    expect(fail(envPort(), '65536')).toBe('expected an integer 1-65535');
    expect(fail(envPort(), '80.5')).toBe('expected an integer 1-65535');
  });

  test('envUrl - keeps an allowed URL and refuses another scheme', () => {
    expect(ok(envUrl(['http:', 'https:']), 'https://ch.example:8443')).toBe('https://ch.example:8443');
    expect(fail(envUrl(['http:', 'https:']), 'ftp://x')).toBe('expected a http:// or https:// URL');
    expect(fail(envUrl(['http:']), 'not a url')).toBe('expected a http:// URL');
  });

  test('envUrlList - splits a comma-separated list and checks each URL', () => {
    const schema = envUrlList(['nats:', 'tls:']);
    expect(ok(schema, 'nats://a:4222, tls://b:4222')).toEqual(['nats://a:4222', 'tls://b:4222']);
    expect(fail(schema, 'nats://a:4222,http://b')).toBe(
      'expected a comma-separated list of nats:// or tls:// URLs',
    );
  });

  test('envOriginList - origins as browsers send them, or * alone', () => {
    const schema = envOriginList();
    expect(ok(schema, 'https://app.example.com, http://localhost:5173')).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(ok(schema, '*')).toEqual(['*']);
    const expected =
      'expected * or a comma-separated list of origins such as https://app.example.com (no path)';
    expect(fail(schema, 'https://app.example.com/')).toBe(expected);
    expect(fail(schema, 'https://app.example.com/path')).toBe(expected);
    expect(fail(schema, 'ftp://files.example.com')).toBe(expected);
    expect(fail(schema, 'https://a.example.com,*')).toBe(expected);
    expect(fail(schema, 'app.example.com')).toBe(expected);
  });

  test('envEnum - accepts only listed words', () => {
    expect(ok(envEnum(['a', 'b']), 'b')).toBe('b');
    expect(fail(envEnum(['a', 'b']), 'c')).toBe('expected one of a, b');
  });

  test('envIdentifier - refuses what could not be used unquoted in SQL', () => {
    expect(ok(envIdentifier(), 'slipway_test_1')).toBe('slipway_test_1');
    expect(fail(envIdentifier(), 'a;DROP')).toMatch(/^expected an identifier/);
    expect(fail(envIdentifier(), '1abc')).toMatch(/^expected an identifier/);
  });

  test('envSubjectRoot - follows NATS token rules', () => {
    expect(ok(envSubjectRoot(), 'test_ab12.tenant-a')).toBe('test_ab12.tenant-a');
    expect(fail(envSubjectRoot(), 'slip way')).toMatch(/dot-separated tokens/);
    expect(fail(envSubjectRoot(), 'slipway.>')).toMatch(/dot-separated tokens/);
  });
});
