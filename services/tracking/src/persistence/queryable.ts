import type { EntityManager } from 'typeorm';

/**
 * Anything that runs parameterised SQL: the `DataSource` itself or the `EntityManager` of a
 * transaction (`dataSource.transaction(manager => …)`), so a repository method can join one.
 */
export type Queryable = Pick<EntityManager, 'query'>;
