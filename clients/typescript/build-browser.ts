/**
 * `npm run build:sdk`: writes `clients/typescript/dist/slipway.browser.mjs`, the SDK as one ES
 * module (zod bundled) for `<script type="module">` pages without a bundler of their own.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { browserBundle } from './src/testing/browser-bundle';

async function main(): Promise<void> {
  const out = join(__dirname, 'dist', 'slipway.browser.mjs');
  await mkdir(join(__dirname, 'dist'), { recursive: true });
  const code = await browserBundle({ minify: true });
  await writeFile(out, code);
  console.log(`wrote ${out} (${Math.round(code.length / 1024)} KiB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
