#!/usr/bin/env node
// `npx kizuna`: runs the engine's command line from its TypeScript sources (see tools/register-typescript.cjs).
require('../../../tools/register-typescript.cjs');
require('reflect-metadata');
const { runCli } = require('../../engine/src/cli/main.ts');

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`kizuna: ${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
