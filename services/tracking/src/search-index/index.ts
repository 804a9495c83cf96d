export { SearchIndex, type IndexedRun } from './search-index';
export { SearchIndexModule } from './search-index.module';
export type { ClickHouseRunSearch } from './run-search.clickhouse';
