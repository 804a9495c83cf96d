import { emptyFold } from '../read-models/model-fold';
import { FoldedModelsCache } from './folded-models.cache';

test('folded models cache - keeps the latest fold per stream and drops the least recently used past capacity', () => {
  const cache = new FoldedModelsCache(2);
  cache.set(emptyFold('a'));
  cache.set(emptyFold('b'));
  cache.get('a');
  cache.set({ ...emptyFold('c'), streamVersion: 3 });
  expect([cache.get('a')?.streamId, cache.get('b'), cache.get('c')?.streamVersion]).toEqual([
    'a',
    undefined,
    3,
  ]);
  cache.set({ ...emptyFold('a'), streamVersion: 7 });
  expect(cache.get('a')?.streamVersion).toBe(7);
});
