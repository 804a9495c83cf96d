import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const run = promisify(execFile);

const SDK_ROOT = join(__dirname, '..');

/** The package's entry points: `@slipway/sdk` and `@slipway/sdk/nats`. */
const ENTRIES = { index: 'src/index.ts', nats: 'src/nats.ts' } as const;

interface WorkspaceManifest {
  name: string;
  version: string;
  description: string;
  license: string;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, unknown>;
}

/** What {@link buildSdkPackage} wrote. */
export interface SdkPackage {
  dir: string;
  name: string;
  version: string;
}

/**
 * Writes `@slipway/sdk` as an installable package into `outDir` (emptied first): for each entry,
 * an ES module (`.mjs`) and a CommonJS one (`.cjs`) bundled by esbuild with the dependencies left
 * as imports, the declarations (`types/`) emitted by `tsc` from the same sources, and a
 * `package.json` whose `exports` map gives Node, bundlers and TypeScript the right file for
 * `import` and `require`. Inside the repository the workspace keeps pointing at the sources;
 * this is what `npm pack` / `npm publish` take (`npm run build:sdk`, then `npm pack clients/typescript/dist/package`).
 */
export async function buildSdkPackage(outDir: string): Promise<SdkPackage> {
  const manifest = JSON.parse(await readFile(join(SDK_ROOT, 'package.json'), 'utf8')) as WorkspaceManifest;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const format of ['esm', 'cjs'] as const) {
    await build({
      entryPoints: Object.fromEntries(
        Object.entries(ENTRIES).map(([name, src]) => [name, join(SDK_ROOT, src)]),
      ),
      outdir: outDir,
      outExtension: { '.js': format === 'esm' ? '.mjs' : '.cjs' },
      bundle: true,
      // zod and the NATS client are the user's dependencies, not copies inside the SDK.
      packages: 'external',
      format,
      platform: 'neutral',
      target: 'es2022',
      sourcemap: true,
      logLevel: 'silent',
    });
  }
  await declarations(join(outDir, 'types'));
  const entry = (name: keyof typeof ENTRIES) => ({
    types: `./types/${name}.d.ts`,
    import: `./${name}.mjs`,
    require: `./${name}.cjs`,
  });
  const published = {
    name: manifest.name,
    version: manifest.version,
    description: manifest.description,
    license: manifest.license,
    engines: { node: '>=20' },
    sideEffects: false,
    main: './index.cjs',
    module: './index.mjs',
    types: './types/index.d.ts',
    exports: { '.': entry('index'), './nats': entry('nats'), './package.json': './package.json' },
    dependencies: manifest.dependencies,
    peerDependencies: manifest.peerDependencies,
    peerDependenciesMeta: manifest.peerDependenciesMeta,
  };
  await writeFile(join(outDir, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
  await copyFile(join(SDK_ROOT, 'README.md'), join(outDir, 'README.md'));
  return { dir: outDir, name: published.name, version: published.version };
}

/** The declarations of both entries (`tsconfig.build.json`); a type error fails the build, printed. */
async function declarations(outDir: string): Promise<void> {
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    await run(process.execPath, [tsc, '-p', join(SDK_ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
      cwd: SDK_ROOT,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`the SDK's declarations did not build:\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    });
  }
}
