import { formatLogLine } from './format-log-line';
import { plain } from './paint';

const line = (record: Record<string, unknown>) =>
  JSON.stringify({ time: 1700000000000, pid: 42, hostname: 'box', ...record });

describe('formatLogLine - service log lines', () => {
  it('shows level, context, message and notable fields of a pino line', () => {
    const out = formatLogLine(
      line({ level: 30, context: 'Bootstrap', msg: 'listening', port: 8081, url: 'http://x' }),
      plain,
    );
    expect(out).toEqual(['INFO  [Bootstrap] listening port=8081 url=http://x']);
  });

  it('hides pid, hostname and time, and trace ids below warn', () => {
    const [out] = formatLogLine(line({ level: 20, msg: 'query', trace_id: 'abc', rows: 3 }), plain);
    expect(out).toBe('DEBUG query rows=3');
  });

  it('prints an error with its type, code and stack frames, indented', () => {
    const err = {
      type: 'QueryFailedError',
      code: '42P01',
      message: 'relation "runs" does not exist',
      stack: 'QueryFailedError: x\n    at run (a.ts:1:1)\n    at main (b.ts:2:2)',
    };
    const out = formatLogLine(line({ level: 50, msg: 'insert failed', err, trace_id: 'abc' }), plain);
    expect(out).toEqual([
      'ERROR insert failed QueryFailedError (42P01): relation "runs" does not exist trace_id=abc',
      '    at run (a.ts:1:1)',
      '    at main (b.ts:2:2)',
    ]);
  });

  it('splits an error given as text into its message and stack', () => {
    const err = 'TypeError: x is not a function\n    at start (main.ts:9:9)';
    expect(formatLogLine(line({ level: 60, msg: 'failed to start', err }), plain)).toEqual([
      'FATAL failed to start TypeError: x is not a function',
      '    at start (main.ts:9:9)',
    ]);
  });

  it('quotes string values with spaces and shortens long values', () => {
    const [out] = formatLogLine(line({ level: 40, msg: 'slow', note: 'a b', blob: 'x'.repeat(500) }), plain);
    expect(out).toContain('note="a b"');
    expect(out).toMatch(/blob=x{119}…$/);
  });

  it('accepts string levels', () => {
    expect(formatLogLine(line({ level: 'warn', msg: 'careful' }), plain)).toEqual(['WARN  careful']);
  });

  it('passes other lines through unchanged', () => {
    expect(formatLogLine('plain text from a library', plain)).toEqual(['plain text from a library']);
    expect(formatLogLine('{"not":"a log record"}', plain)).toEqual(['{"not":"a log record"}']);
    expect(formatLogLine('{broken json', plain)).toEqual(['{broken json']);
  });

  it('colours the level when colours are on', () => {
    const [out] = formatLogLine(line({ level: 50, msg: 'x' }), (style, text) => `<${String(style)}>${text}`);
    expect(out).toBe('<red>ERROR x');
  });
});
