// `npm start`: builds the Custom UI when it is missing or older than its sources, then runs the local preview
// (dev/preview/main.ts, TypeScript run by tsx in this process) and prints its URL.
//
//   npm start                      PORT (default 8080), JIRA_BASE_URL + JIRA_EMAIL + JIRA_API_TOKEN for a real site
//   npm start -- --build           rebuild the UI even when it looks fresh
//   npm start -- --persist         keep the emulated KVS in .forge-preview/kvs.json
//   npm start -- --no-warm         do not compute the demo projects' gates at start
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/cjs/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const force = args.includes('--build');
const rest = args.filter((a) => a !== '--build');

register();
const require = createRequire(import.meta.url);
const { ensureUiBuilt } = require('../dev/preview/build.ts');

try {
  const started = Date.now();
  const outcome = await ensureUiBuilt(root, { force, log: (line) => console.log(line) });
  if (outcome === 'built') console.log(`Custom UI built in ${Date.now() - started} ms`);
} catch (err) {
  console.error(`phase-gate preview: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

process.argv = [process.argv[0], resolve(root, 'dev/preview/main.ts'), ...rest];
require('../dev/preview/main.ts');
