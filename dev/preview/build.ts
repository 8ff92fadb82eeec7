/**
 * Builds the Custom UI when it is missing or older than its sources (the preview and the browser tests need it):
 * `vite build --config static/vite.config.ts`, the UI's own build (static/README.md). Concurrent callers (several
 * jest workers) build once: a lock directory serialises them, and each checks again once it holds the lock.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** What the built UI is made from. */
const SOURCES = [
  'static/src',
  'static/index.html',
  'static/vite.config.ts',
  'static/package.json',
  'src/core',
  'src/forge/contract.ts',
];
/** What the build makes (each resource's page). */
const OUTPUTS = ['static/build/main/index.html', 'static/build/macro-config/index.html'];

function newestMtime(path: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why the UI needs building, or null when the build is newer than every source. */
export function uiBuildNeeded(root: string): string | null {
  let built = Infinity;
  for (const out of OUTPUTS) {
    try {
      built = Math.min(built, statSync(resolve(root, out)).mtimeMs);
    } catch {
      return `${out} is missing`;
    }
  }
  const newest = Math.max(...SOURCES.map((s) => newestMtime(resolve(root, s))));
  return newest > built ? 'the UI sources changed since the last build' : null;
}

/** Runs the UI build; rejects with its output when it fails. */
export function buildUi(root: string, options: { quiet?: boolean } = {}): Promise<void> {
  const vite = resolve(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--config', 'static/vite.config.ts', '--logLevel', options.quiet ? 'error' : 'warn'],
      {
        cwd: root,
        stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      },
    );
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? ok()
        : fail(new Error(`the Custom UI build failed (exit ${code})\n${output.slice(-4000)}`)),
    );
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the UI if it is missing or stale (or always, with `force`).
 * @returns 'built' or 'fresh'
 */
export async function ensureUiBuilt(
  root: string,
  options: { force?: boolean; quiet?: boolean; log?: (line: string) => void; lockDir?: string } = {},
): Promise<'built' | 'fresh'> {
  if (!options.force && uiBuildNeeded(root) === null) return 'fresh';
  const lock =
    options.lockDir ??
    join(tmpdir(), `phase-gate-ui-build-${Buffer.from(root).toString('hex').slice(-32)}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process builds: wait for it (a lock older than 3 minutes is a crashed builder's).
      let age: number;
      try {
        age = Date.now() - statSync(lock).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > 180_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() - started > 180_000)
        throw new Error(`gave up waiting for the UI build lock ${lock}`);
      else await sleep(200);
    }
  }
  try {
    const reason = options.force ? 'asked to' : uiBuildNeeded(root);
    if (reason === null) return 'fresh';
    options.log?.(`Building the Custom UI (${reason})…`);
    await buildUi(root, { quiet: options.quiet ?? false });
    return 'built';
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
