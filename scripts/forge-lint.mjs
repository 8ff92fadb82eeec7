#!/usr/bin/env node
/**
 * Atlassian's Forge linter, offline (`npm run lint:forge`, part of `npm test`).
 *
 * Runs `../shared/forge-lint/lint-offline.cjs` (the client-side linters of `@forge/lint`, what `forge lint` runs) on
 * this app when that folder exists beside the repository (or at $FORGE_LINT_DIR); otherwise prints
 * "skipped: ../shared/forge-lint not found" and exits 0, so a clone without it still passes.
 *
 * `--self-check`: proves the linter really parses src/. It copies the app (manifest, tsconfig, src) into a temporary
 * folder, adds a probe file under src/ whose literal `route` needs a scope the manifest lacks, lints the copy and
 * fails unless the probe is flagged. (The linter lints what tsconfig's `include` resolves to: a bare folder name
 * there resolves to nothing and the linter silently checks no file.)
 *
 * Exit codes: 0 clean (or skipped), 1 findings (or the self-check's probe not flagged), 2 the linter could not run.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lintDir = process.env.FORGE_LINT_DIR
  ? resolve(process.env.FORGE_LINT_DIR)
  : resolve(root, '..', 'shared', 'forge-lint');
const linter = join(lintDir, 'lint-offline.cjs');

/**
 * A request whose scope (`manage:jira-webhook`, to list webhooks) the app never needs and the manifest lacks, written
 * exactly as every request of the app is: an endpoint function in src/jira/endpoints.ts.
 */
const PROBE_FILE = 'src/jira/endpoints.ts';
const PROBE_MARK = 'zzForgeLintProbe';
const PROBE_SOURCE = `

/** forge-lint self-check probe (never shipped). */
export function ${PROBE_MARK}(client: JiraClient) {
  return client.requestJira(route\`/rest/api/3/webhook\`, { method: 'GET' });
}
`;

function run(cwd, args) {
  return spawnSync(process.execPath, [linter, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function selfCheck() {
  const dir = mkdtempSync(join(tmpdir(), 'phase-gate-forge-lint-'));
  try {
    for (const item of ['manifest.yml', 'tsconfig.json', 'package.json', 'src']) {
      cpSync(join(root, item), join(dir, item), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
    appendFileSync(join(dir, PROBE_FILE), PROBE_SOURCE);
    const probeLine =
      readFileSync(join(dir, PROBE_FILE), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes('/rest/api/3/webhook')) + 1;
    const r = run(dir, ['--json']);
    if (r.status === 2 || r.status === null) {
      process.stderr.write(`forge-lint self-check: the linter could not run\n${r.stderr}\n`);
      return 2;
    }
    let out;
    try {
      out = JSON.parse(r.stdout);
    } catch {
      process.stderr.write(`forge-lint self-check: unreadable linter output\n${r.stdout}\n${r.stderr}\n`);
      return 2;
    }
    const flagged = out.findings.filter(
      (f) => String(f.file).endsWith(PROBE_FILE) && Number(f.line) === probeLine,
    );
    console.log(
      `forge-lint self-check: ${out.srcFilesInTsconfig ?? '?'} src files in tsconfig's program, ` +
        `${flagged.length} finding(s) on the probe`,
    );
    for (const f of flagged) console.log(`  ${f.kind}\t${f.file}:${f.line}\t${f.message}`);
    if (flagged.length === 0) {
      console.error('forge-lint self-check: FAILED — the probe needing a missing scope was not flagged');
      return 1;
    }
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(linter)) {
  console.log('skipped: ../shared/forge-lint not found');
  process.exit(0);
}
if (process.argv.includes('--self-check')) process.exit(selfCheck());
const r = spawnSync(process.execPath, [linter, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 2);
