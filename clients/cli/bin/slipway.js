#!/usr/bin/env node
/**
 * Launcher of the `slipway` command: compiles the TypeScript sources on the fly with
 * @swc-node/register (as `npm start` runs the services), against the repository's tsconfig
 * wherever the command is run from.
 */
'use strict';
const { join } = require('node:path');

process.env.SWC_NODE_PROJECT ??= join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
const { main } = require('../src/main.ts');

main(process.argv).then((code) => {
  process.exitCode = code;
});
