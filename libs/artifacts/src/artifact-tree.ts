import type { ArtifactEntry } from './artifact.types';

/** One child of a folder: a file (with its entry) or a folder, MLflow's `FileInfo`. */
export type ArtifactNode =
  { path: string; isDir: false; entry: ArtifactEntry } | { path: string; isDir: true };

/**
 * The direct children of folder `dir` ('' for the run's root) among `entries` (the files of a
 * run, as `ArtifactStore.list` returns them): files in it, and one node per sub-folder, with
 * full paths (`model/MLmodel`, `model/data`), sorted by path like MLflow's `list_artifacts`.
 */
export function childrenOf(entries: readonly ArtifactEntry[], dir = ''): ArtifactNode[] {
  const base = dir === '' ? '' : `${dir.replace(/\/$/, '')}/`;
  const folders = new Set<string>();
  const nodes: ArtifactNode[] = [];
  for (const entry of entries) {
    if (!entry.path.startsWith(base)) continue;
    const slash = entry.path.indexOf('/', base.length);
    if (slash < 0) nodes.push({ path: entry.path, isDir: false, entry });
    else folders.add(entry.path.slice(0, slash));
  }
  for (const path of folders) nodes.push({ path, isDir: true });
  return nodes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
