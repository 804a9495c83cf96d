import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The SDK as one ES module for a browser page (`import { Slipway } from '/sdk.js'`): the REST
 * client with its dependency (zod) bundled, for `platform: 'browser'`, so a Node-only import in
 * the client's code fails the bundle instead of a user's page.
 */
export async function browserBundle(options: { minify?: boolean } = {}): Promise<string> {
  const result = await build({
    entryPoints: [join(__dirname, '..', 'index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify ?? false,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
