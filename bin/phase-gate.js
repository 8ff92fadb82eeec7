#!/usr/bin/env node
'use strict';
// The `phase-gate` command. The TypeScript sources are bundled into dist/cli.js by `npm ci` (the prepare script).
const path = require('node:path');
const fs = require('node:fs');
const built = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(built)) {
  process.stderr.write('phase-gate: dist/cli.js is missing; run `npm ci` (or `npm run build:cli`) first\n');
  process.exit(1);
}
require(built);
