import { newBatchId, randomHex } from './ids';

describe('ids - run ids and batch ids', () => {
  test('ids - random hex has the asked length and differs each time', () => {
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomHex()).not.toBe(randomHex());
  });

  test('ids - batch ids are UUID v4, also where crypto.randomUUID is missing (plain-http browser pages)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newBatchId()).toMatch(uuid);
    const original = globalThis.crypto.randomUUID;
    Object.defineProperty(globalThis.crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = Array.from({ length: 50 }, newBatchId);
      for (const id of ids) expect(id).toMatch(uuid);
      expect(new Set(ids).size).toBe(50);
    } finally {
      Object.defineProperty(globalThis.crypto, 'randomUUID', { value: original, configurable: true });
    }
  });
});
