import { findNatsServer } from './find-nats-server';
import { natsAddress, parseInfoLine } from './nats-probe';

describe('findNatsServer - locating the binary', () => {
  it('prefers PATH, in order', () => {
    const found = findNatsServer(
      '/opt/a:/opt/b',
      (p) => p === '/opt/b/nats-server' || p === '/usr/sbin/nats-server',
    );
    expect(found).toBe('/opt/b/nats-server');
  });

  it('also looks in /usr/sbin, where Debian puts it', () => {
    expect(findNatsServer('/usr/bin', (p) => p === '/usr/sbin/nats-server')).toBe('/usr/sbin/nats-server');
  });

  it('returns nothing when it is nowhere', () => {
    expect(findNatsServer(undefined, () => false)).toBeUndefined();
  });
});

describe('nats probe - INFO line', () => {
  it('reads version and JetStream from INFO', () => {
    expect(parseInfoLine('INFO {"server_id":"x","version":"2.9.10","jetstream":true}')).toEqual({
      version: '2.9.10',
      jetstream: true,
    });
    expect(parseInfoLine('INFO {"version":"2.10.0"}')).toEqual({ version: '2.10.0', jetstream: false });
  });

  it('rejects what is not a NATS greeting', () => {
    expect(parseInfoLine('HTTP/1.1 400 Bad Request')).toBeUndefined();
    expect(parseInfoLine('INFO {oops')).toBeUndefined();
  });

  it('defaults the port to 4222', () => {
    expect(natsAddress('nats://example.org')).toEqual({ host: 'example.org', port: 4222 });
    expect(natsAddress(' nats://[::1]:4300 ')).toEqual({ host: '::1', port: 4300 });
  });
});
