import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DATA_SOURCE } from '@slipway/runtime';
import { ExperimentsService } from '../experiments/experiments.service';
import { RunSearchService } from '../search/sql/run-search.service';
import { ParamsService } from './params.service';
import { RunsModule } from './runs.module';
import { RunsService } from './runs.service';
import { TagsService } from './tags.service';

const queries: string[] = [];
const fakeDataSource = {
  query: async (sql: string) => {
    queries.push(sql);
    return [];
  },
};

@Global()
@Module({ providers: [{ provide: DATA_SOURCE, useValue: fakeDataSource }], exports: [DATA_SOURCE] })
class FakeServiceKit {}

@Module({ imports: [FakeServiceKit, RunsModule] })
class App {}

test('RunsModule - resolves every service from DATA_SOURCE alone and ensures the Default experiment at start', async () => {
  const app = await NestFactory.createApplicationContext(App, { logger: false });
  try {
    await app.init();
    for (const service of [RunsService, ParamsService, TagsService, RunSearchService]) {
      expect(app.get(service)).toBeInstanceOf(service);
    }
    expect(app.get(ExperimentsService, { strict: false })).toBeInstanceOf(ExperimentsService);
    expect(queries.some((sql) => sql.includes('INSERT INTO experiments'))).toBe(true);
  } finally {
    await app.close();
  }
});
