// Runs the TypeScript sources directly: SWC compiles each file on require (decorator metadata for
// NestJS included) with the path aliases of tsconfig.json. Used by `npm start`, the CLI and tests
// that start the engine as a child process.
const path = require('node:path');

process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
