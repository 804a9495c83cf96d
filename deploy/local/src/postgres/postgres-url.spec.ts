import { postgresUrl, redactPostgresUrl } from './postgres-url';

describe('postgres URLs', () => {
  it('encodes user and password', () => {
    expect(
      postgresUrl({
        user: 'postgres',
        password: 'a/b@c',
        host: '127.0.0.1',
        port: 5433,
        database: 'slipway',
      }),
    ).toBe('postgres://postgres:a%2Fb%40c@127.0.0.1:5433/slipway');
  });

  it('drops the password for printing', () => {
    expect(redactPostgresUrl('postgres://u:secret@db:5432/slipway?sslmode=disable')).toBe(
      'postgres://u@db:5432/slipway?sslmode=disable',
    );
    expect(redactPostgresUrl('postgres://u@db/slipway')).toBe('postgres://u@db/slipway');
  });
});
