import { childrenOf } from './artifact-tree';
import type { ArtifactEntry } from './artifact.types';

const entry = (path: string): ArtifactEntry => ({ path, size: 1, sha256: '0'.repeat(64), modified: 0 });
const files = [
  'metrics.json',
  'model/MLmodel',
  'model/data/model.pkl',
  'model/data/weights.bin',
  'plots/roc.png',
].map(entry);

describe('artifact tree - children of a folder', () => {
  it('lists the files and folders at the root', () => {
    expect(childrenOf(files).map((n) => [n.path, n.isDir])).toEqual([
      ['metrics.json', false],
      ['model', true],
      ['plots', true],
    ]);
  });

  it('lists a sub-folder with full paths, with or without a trailing slash', () => {
    const expected = [
      ['model/MLmodel', false],
      ['model/data', true],
    ];
    expect(childrenOf(files, 'model').map((n) => [n.path, n.isDir])).toEqual(expected);
    expect(childrenOf(files, 'model/').map((n) => [n.path, n.isDir])).toEqual(expected);
  });

  it('keeps the entry of each file, and nothing for an unknown folder', () => {
    expect(childrenOf(files, 'model/data')[0]).toEqual({
      path: 'model/data/model.pkl',
      isDir: false,
      entry: files[2],
    });
    expect(childrenOf(files, 'mod')).toEqual([]);
  });
});
