import { trackingEntities, trackingMigrations } from './tracking.schema';

test('tracking schema - migrations are named <Name><13-digit timestamp>, in timestamp order, each once', () => {
  const stamps = trackingMigrations.map((m) => {
    const match = /^[A-Z][A-Za-z]+(\d{13})$/.exec(m.name);
    expect(match).not.toBeNull();
    return Number(match?.[1]);
  });
  expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  expect(new Set(stamps).size).toBe(stamps.length);
});

test('tracking schema - rows are parsed with zod, no TypeORM entity mapping', () => {
  expect(trackingEntities).toEqual([]);
});
