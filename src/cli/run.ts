/** Entry point of the built command (dist/cli.js). */
import { main } from './main';

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`phase-gate: unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
