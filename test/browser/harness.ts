/**
 * The browser tests' harness: the preview as `npm start` runs it (a child process, on a free port, demo site), Debian's
 * Chromium through playwright-core, pages that record every console error, page error, failed request and CSP
 * violation, screenshots in artifacts/screenshots, and the expected figures computed independently of the preview
 * (the core over the demo site, in this process).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { computeProjectGate } from '../../src/app/projectGate';
import { DEFAULT_CONFIG, type Config } from '../../src/core/config';
import { todayIn } from '../../src/core/dates';
import type { Report } from '../../src/core/report';
import { buildDemoSite, createFakeJiraApp, DEMO_USERS, inProcessTransport } from '../../dev/demo-org';
import { JiraClient } from '../../src/jira/client';
import { ensureUiBuilt } from '../../dev/preview/build';

export const ROOT = resolve(__dirname, '..', '..');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Preview {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Builds the UI if needed, then starts `dev/preview/main.ts` on a free port and waits for its URL. */
export async function startPreview(
  env: Record<string, string> = {},
  options: { warm?: boolean } = {},
): Promise<Preview> {
  await ensureUiBuilt(ROOT, { quiet: true });
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: '0', PREVIEW_QUEUE_DELAY_SCALE: '0.01' };
  // The demo site unless the caller names a site.
  delete childEnv.JIRA_BASE_URL;
  delete childEnv.JIRA_EMAIL;
  delete childEnv.JIRA_API_TOKEN;
  Object.assign(childEnv, env);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'dev/preview/main.ts', ...(options.warm ? [] : ['--no-warm'])],
    {
      cwd: ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the preview did not start in 20 s:\n${output}`)), 20_000);
    const onData = (c: Buffer) => {
      output += c.toString();
      const m = /Open (http:\/\/localhost:(\d+))/.exec(output);
      if (m) {
        clearTimeout(timer);
        ok(`http://127.0.0.1:${m[2]}`);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`the preview exited (${code}) before it was ready:\n${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((ok) => {
        if (child.exitCode !== null) return ok();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          ok();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors, failed requests and 4xx/5xx answers seen so far. */
  problems: string[];
  close: () => Promise<void>;
}

/** A fresh page that records every problem (CSP violations arrive as console errors). */
export async function watchedPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<Watched> {
  const context = await browser.newContext({ viewport, colorScheme: 'light' });
  const problems: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      // A navigation away aborts what the old page still loads: not a problem.
      if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
      problems.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
  };
  context.on('page', watch);
  // When the phase ladder first exists in the page (performance.now(), ms after navigation start).
  await context.addInitScript(() => {
    const w = window as unknown as { __pgLadderAt?: number };
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid="phase-ladder"]')) {
        w.__pgLadderAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  return { page, context, problems, close: () => context.close() };
}

export interface BrowserSuite {
  /** The preview's base URL (once the suite's `beforeAll` has run). */
  readonly url: string;
  /** A fresh watched page, closed after the file's tests. */
  open: (viewport?: { width: number; height: number }) => Promise<Watched>;
}

/**
 * A test file's preview and browser: starts both before the file's tests, and after them closes every page opened
 * through `open`, the browser and the preview. Call it at the top level of the file.
 */
export function browserSuite(): BrowserSuite {
  let preview: Preview | undefined;
  let browser: Browser | undefined;
  const opened: Watched[] = [];

  beforeAll(async () => {
    [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(opened.map((w) => w.close().catch(() => undefined)));
    await browser?.close();
    await preview?.stop();
  });

  return {
    get url() {
      if (!preview)
        throw new Error('the preview has not started (browserSuite() at the top level of the file)');
      return preview.url;
    },
    open: async (viewport) => {
      if (!browser)
        throw new Error('the browser has not started (browserSuite() at the top level of the file)');
      const w = await watchedPage(browser, viewport);
      opened.push(w);
      return w;
    },
  };
}

/** A surface page of the preview. */
export function surfaceUrl(
  base: string,
  params: Record<string, string>,
  resource: 'main' | 'macro-config' = params.surface === 'macro-config' ? 'macro-config' : 'main',
): string {
  return `${base}/${resource}/?${new URLSearchParams(params).toString()}`;
}

/** Milliseconds from navigation start to the phase ladder, and to the resolver's answer (getGate or refresh). */
export function pageTimings(page: Page): Promise<{ ladderMs: number | null; invokeMs: number | null }> {
  return page.evaluate(() => {
    const at = (window as unknown as { __pgLadderAt?: number }).__pgLadderAt;
    const invoke = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/api/invoke'));
    return {
      ladderMs: at === undefined ? null : Math.round(at),
      invokeMs: invoke ? Math.round((invoke as PerformanceResourceTiming).responseEnd) : null,
    };
  });
}

/** Hovers the last months of a trend chart (`trend-chart-*`) and returns its tooltip's text. */
export async function hoverChart(page: Page, chart: Locator): Promise<string> {
  const surface = chart.locator('.recharts-surface');
  await surface.scrollIntoViewIfNeeded();
  const box = (await surface.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width - 12, box.y + box.height / 2, { steps: 5 });
  const tip = chart.locator('.pg-chart__tooltip');
  await tip.waitFor();
  return (await tip.textContent()) ?? '';
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export function saveArtifact(name: string, data: unknown): void {
  mkdirSync(join(ROOT, 'artifacts'), { recursive: true });
  writeFileSync(join(ROOT, 'artifacts', name), JSON.stringify(data, null, 2));
}

/** Answers are inspected loosely in tests. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Calls the preview's JSON API. */
export async function api(
  base: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Loose }> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/** Calls a resolver through the preview, as a user of a surface. */
export async function invoke(
  base: string,
  functionKey: string,
  surface: Record<string, string>,
  as: string,
  payload = {},
): Promise<Loose> {
  const res = await api(base, '/api/invoke', { functionKey, payload, surface, as });
  if (res.status !== 200)
    throw new Error(`invoke ${functionKey}: HTTP ${res.status} ${JSON.stringify(res.json)}`);
  return res.json.result;
}

/**
 * Saves a demo gate's settings as the admin (which enrols it), waits for the recompute that queues, and returns its
 * gate view (computing it if the queue had not yet). The browser suites that show an organisation gate start here.
 */
export async function enrolGate(base: string, gate: { home: string; config: object }): Promise<Loose> {
  const saved = await invoke(base, 'saveSettings', { surface: 'settings', project: gate.home }, 'admin', {
    config: gate.config,
  });
  if (!saved.ok) throw new Error(`saving the settings of ${gate.home}: ${JSON.stringify(saved)}`);
  await api(base, '/api/queue/idle?timeout=60000');
  let view = await invoke(base, 'getGate', { surface: 'project', project: gate.home }, 'admin');
  if (!view.snapshot)
    view = await invoke(base, 'refresh', { surface: 'project', project: gate.home }, 'admin');
  if (!view.snapshot) throw new Error(`the gate of ${gate.home} was not computed`);
  return view;
}

/**
 * What the page must show, computed without the preview: the core over the demo site of `today`, through the fake
 * Jira's pipeline in this process, as the demo admin, with the default configuration.
 */
export async function expectedReport(
  today: string,
  project: string,
  config: Config = DEFAULT_CONFIG,
): Promise<Report> {
  const app = createFakeJiraApp({ site: buildDemoSite({ today }) });
  const client = new JiraClient(
    inProcessTransport(app, { email: DEMO_USERS.admin.email, token: DEMO_USERS.admin.token }),
  );
  const now = Date.now();
  const gate = await computeProjectGate(client, project, config, {
    asOf: todayIn(config.timeZone, now),
    now,
  });
  return gate.report;
}

/** Fails with every problem the page recorded (console errors, failed requests, CSP violations). */
export function expectNoProblems(w: Watched): void {
  expect(w.problems).toEqual([]);
}

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectFitsWidth(w: Watched): Promise<void> {
  const { scroll, client } = await w.page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    client: window.innerWidth,
  }));
  expect(scroll).toBeLessThanOrEqual(client);
}

/** The phrases of `phrases` that `text` still contains (issue #14: a German page lists none of its English ones). */
export function phrasesIn(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((p) => text.includes(p));
}
