/* global window, document */
/**
 * Development-only: screenshots of every surface with the fixture shim, in light and dark, with Debian chromium.
 *
 *   node static/dev/screenshots.mjs [outDir] [filter]     (default outDir /tmp/phase-gate-shots)
 *
 * Prints console errors, CSP violations and failed requests per page (there should be none).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const outDir = process.argv[2] ?? '/tmp/phase-gate-shots';
const filter = process.argv[3] ?? '';
mkdirSync(outDir, { recursive: true });

const SHOTS = [
  // name, resource, query, viewport width, actions
  ['project-phase1', 'main', 'surface=project&scenario=phase1', 1280],
  ['project-phase2', 'main', 'surface=project&scenario=phase2', 1280],
  ['project-phase3', 'main', 'surface=project&scenario=phase3', 1280],
  ['project-phase2-dark', 'main', 'surface=project&scenario=phase2&theme=dark', 1280],
  ['project-evidence', 'main', 'surface=project&scenario=phase2', 1280, 'evidence'],
  ['project-stale', 'main', 'surface=project&scenario=stale', 1280],
  ['project-waived', 'main', 'surface=project&scenario=waived', 1280],
  ['project-no-idea-type', 'main', 'surface=project&scenario=no-idea-type', 1280],
  ['project-empty', 'main', 'surface=project&scenario=empty', 1280],
  ['project-error', 'main', 'surface=project&scenario=error', 1280],
  ['project-loading', 'main', 'surface=project&scenario=phase2&delay=100000', 1280, 'no-wait'],
  ['project-narrow', 'main', 'surface=project&scenario=phase1', 480],
  ['macro-phase2', 'main', 'surface=macro&scenario=phase2', 760],
  ['macro-phase1-dark', 'main', 'surface=macro&scenario=phase1&theme=dark', 760],
  ['macro-phase3', 'main', 'surface=macro&scenario=phase3', 760],
  ['macro-waived', 'main', 'surface=macro&scenario=waived', 760],
  ['macro-unconfigured', 'main', 'surface=macro&scenario=unconfigured', 760],
  ['macro-forbidden', 'main', 'surface=macro&scenario=forbidden', 760],
  ['macro-config', 'macro-config', 'surface=macro-config', 520],
  ['macro-config-dark', 'macro-config', 'surface=macro-config&theme=dark', 520],
  ['macro-config-search', 'macro-config', 'surface=macro-config', 520, 'macro-search'],
  ['idea-locked', 'main', 'surface=idea&scenario=phase1', 420],
  ['idea-unlocked', 'main', 'surface=idea&scenario=unlocked', 420],
  ['idea-bypass', 'main', 'surface=idea&scenario=bypass', 420],
  ['idea-unknown-dark', 'main', 'surface=idea&scenario=unknown-gate&theme=dark', 420],
  ['idea-not-idea', 'main', 'surface=idea&scenario=not-idea', 420],
  ['settings', 'main', 'surface=settings', 1100],
  ['settings-errors', 'main', 'surface=settings', 1100, 'settings-errors'],
  ['settings-server-error', 'main', 'surface=settings', 1100, 'settings-server-error'],
  ['settings-readonly-dark', 'main', 'surface=settings&scenario=readonly&theme=dark', 1100],
  ['admin', 'main', 'surface=admin', 1100, 'setup'],
  ['admin-dark', 'main', 'surface=admin&theme=dark', 1100],
];

const server = await startServer(5179);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});

let problems = 0;
for (const [name, resource, query, width, action] of SHOTS) {
  if (filter && !name.includes(filter)) continue;
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  const issues = [];
  page.on('console', (m) => {
    const favicon = m.location()?.url?.endsWith('/favicon.ico');
    if ((m.type() === 'error' || m.type() === 'warning') && !favicon) issues.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => issues.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => issues.push(`requestfailed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) issues.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost:5179/') && !r.url().startsWith('data:'))
      issues.push(`external: ${r.url()}`);
  });
  await page.goto(`http://localhost:5179/${resource}/?${query}`);
  if (action !== 'no-wait') {
    await page.waitForSelector('[data-surface]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="loading"]'));
    await page.waitForTimeout(300);
  } else {
    await page.waitForTimeout(400);
  }
  if (action === 'evidence') {
    await page.click('[data-testid="evidence-toggle-late"]');
    await page.click('[data-testid="evidence-toggle-onTime"]');
    await page.waitForSelector('[data-testid="evidence-late"] .pg-evidence');
    await page.click('[data-testid="issue-link-OPS-150"]');
    const log = await page.evaluate(() => window.__PHASE_GATE_FIXTURE_LOG__);
    if (!log.some((e) => e.open === '/browse/OPS-150')) issues.push('router.open was not called for OPS-150');
    await page.locator('[data-testid="evidence-late"]').scrollIntoViewIfNeeded();
  }
  if (action === 'settings-errors') {
    await page.fill('[data-testid="settings-field-minOnTimeRate"]', '1.5');
    await page.fill('[data-testid="settings-field-incidentTypes"]', ' , ');
    await page.fill('[data-testid="settings-field-timeZone"]', 'Mars/Olympus');
    await page.fill('[data-testid="settings-field-graceDays"]', 'two');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-error-minOnTimeRate"]');
  }
  if (action === 'settings-server-error') {
    await page.fill('[data-testid="settings-field-deliveryJql"]', 'bogus = 1');
    await page.click('[data-testid="settings-save"]');
    await page.waitForSelector('[data-testid="settings-error-deliveryJql"]');
  }
  if (action === 'macro-search') {
    await page.fill('[data-testid="macro-project-search"]', 'zzz');
    await page.waitForSelector('text=No project you can browse matches');
    await page.fill('[data-testid="macro-project-search"]', 'net');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="macro-project-select"] option').length === 3,
    );
    await page.selectOption('[data-testid="macro-project-select"]', 'NET');
    await page.click('[data-testid="macro-config-save"]');
    const log = await page.evaluate(() => window.__PHASE_GATE_FIXTURE_LOG__);
    if (!log.some((e) => e.submit && e.submit.config.project === 'NET'))
      issues.push('view.submit was not called with NET');
  }
  if (action === 'setup') {
    await page.fill('[data-testid="setup-project-key"]', 'pay');
    await page.click('[data-testid="setup-button"]');
    await page.waitForSelector('[data-testid="setup-result"]');
  }
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  if (issues.length) {
    problems += issues.length;
    console.log(`${name}:\n  ${issues.join('\n  ')}`);
  } else {
    console.log(`${name}: ok`);
  }
  await page.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${outDir}${problems ? `; ${problems} problem(s)` : ''}`);
