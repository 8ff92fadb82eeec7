// Bundles the command line into dist/cli.js (run by `npm ci` through the prepare script, and by `npm run build:cli`).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/run.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
});
