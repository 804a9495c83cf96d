/**
 * `npm run build:sdk` writes, under `clients/typescript/dist/`:
 * - `package/`: `@slipway/sdk` as an installable package (ES module and CommonJS builds,
 *   declarations; `npm pack clients/typescript/dist/package` makes the tarball);
 * - `slipway.browser.mjs`: the SDK as one ES module (zod bundled) for `<script type="module">`
 *   pages without a bundler of their own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserBundle } from '../src/testing/browser-bundle';
import { buildSdkPackage } from './sdk-package';

async function main(): Promise<void> {
  const dist = join(__dirname, '..', 'dist');
  const pkg = await buildSdkPackage(join(dist, 'package'));
  console.log(`wrote ${pkg.dir} (${pkg.name}@${pkg.version})`);
  const browser = join(dist, 'slipway.browser.mjs');
  await mkdir(dist, { recursive: true });
  const code = await browserBundle({ minify: true });
  await writeFile(browser, code);
  console.log(`wrote ${browser} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
