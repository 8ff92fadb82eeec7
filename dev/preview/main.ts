/**
 * Runs the local preview (`npm start` builds the UI first, then runs this with tsx):
 *
 *   PORT=8080 node --import tsx dev/preview/main.ts [--persist] [--no-warm]
 *
 * Environment: PORT (default 8080; 0 = any free port), HOST (default 127.0.0.1), JIRA_BASE_URL + JIRA_EMAIL +
 * JIRA_API_TOKEN (a real site instead of the demo), PREVIEW_KVS_FILE (keep the KVS in this file; `--persist` uses
 * .forge-preview/kvs.json), PREVIEW_QUEUE_DELAY_SCALE (default 0.02).
 * Exit 1 when the port is taken or the preview cannot start; 2 for bad usage.
 */
import { resolve } from 'node:path';
import { DEFAULT_PORT, PortInUseError, startPreview } from './server';

function fail(code: number, message: string): never {
  console.error(`phase-gate preview: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const known = new Set(['--persist', '--no-warm']);
  const unknown = args.filter((a) => !known.has(a));
  if (unknown.length) fail(2, `unknown option ${unknown[0]} (known: ${[...known].join(', ')})`);

  const rawPort = process.env.PORT?.trim();
  const port = rawPort ? Number(rawPort) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(2, `PORT must be a port number, not "${rawPort}"`);
  const scale = process.env.PREVIEW_QUEUE_DELAY_SCALE
    ? Number(process.env.PREVIEW_QUEUE_DELAY_SCALE)
    : undefined;
  if (scale !== undefined && !(scale >= 0)) fail(2, 'PREVIEW_QUEUE_DELAY_SCALE must be a number ≥ 0');
  const root = resolve(__dirname, '..', '..');
  const kvsFile =
    process.env.PREVIEW_KVS_FILE?.trim() ||
    (args.includes('--persist') ? resolve(root, '.forge-preview', 'kvs.json') : null);

  const started = Date.now();
  let preview;
  try {
    preview = await startPreview({
      port,
      host: process.env.HOST?.trim() || '127.0.0.1',
      root,
      kvsFile,
      warm: !args.includes('--no-warm'),
      ...(scale !== undefined ? { queueDelayScale: scale } : {}),
    });
  } catch (err) {
    if (err instanceof PortInUseError) fail(1, err.message);
    fail(1, err instanceof Error ? err.message : String(err));
  }
  const { site } = preview;
  console.log(`Phase Gate preview: Jira is ${site.description}`);
  console.log(
    `  projects: ${site.projects.map((p) => p.key).join(', ') || 'none'}; viewing users: ${site.users.map((u) => u.role).join(', ')}`,
  );
  if (site.mode === 'site') {
    console.log(
      '  a real site: asUser() and asApp() both act as the API token owner, with that account\u2019s permissions',
    );
  }
  if (kvsFile) console.log(`  KVS kept in ${kvsFile}`);
  console.log(`  ready in ${Date.now() - started} ms`);
  console.log(`\n  Open ${preview.url}\n`);

  let closing = false;
  const stop = (signal: string) => {
    if (closing) process.exit(130);
    closing = true;
    console.log(`\n${signal}: stopping the preview`);
    void preview.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
