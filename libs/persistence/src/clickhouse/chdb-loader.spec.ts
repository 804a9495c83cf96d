import { SlipwayError } from '@slipway/contracts';

describe('loadChdb', () => {
  afterEach(() => jest.resetModules());

  test('chdb not installed - a typed error says how to install it or use a server', () => {
    jest.doMock('chdb/connection', () => {
      throw Object.assign(new Error("Cannot find module 'chdb/connection'"), { code: 'MODULE_NOT_FOUND' });
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock on purpose
    const { loadChdb } = require('./chdb-loader') as typeof import('./chdb-loader');
    let caught: unknown;
    try {
      loadChdb();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SlipwayError);
    expect(caught).toMatchObject({ code: 'PERSISTENCE.CHDB_NOT_INSTALLED' });
    expect((caught as Error).message).toMatch(/npm install chdb.*CLICKHOUSE_URL/);
  });

  test('other load failures - are not disguised as a missing package', () => {
    jest.doMock('chdb/connection', () => {
      throw new Error('libchdb.so: cannot open shared object file');
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the mock on purpose
    const { loadChdb } = require('./chdb-loader') as typeof import('./chdb-loader');
    expect(() => loadChdb()).toThrow('libchdb.so');
  });
});
