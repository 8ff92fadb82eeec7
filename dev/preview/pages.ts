/**
 * The preview's own pages, rendered on the server (no script): the list of surfaces with the viewing-user and theme
 * switches, and a small Jira-like issue view that `router.open('/browse/KEY')` leads to, with the idea panel in an
 * iframe as Jira shows it.
 */
import type { MacroInstance } from './context';
import type { ResolverSummary } from './metrics';
import type { QueueStats } from '../forge-emulator/queue';
import type { PreviewIdea, PreviewProject, PreviewSite, PreviewUser } from './site';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The part of a stored gate document the index shows. */
export interface GateSummary {
  phase: number | null;
  phaseName: string | null;
  innovationUnlocked: boolean | null;
  computedAt: string | null;
  lastError: string | null;
  bypassLabels: string[];
  /** The gate's name when it has one (an organisation gate), else null. */
  gateName: string | null;
  /** The idea projects it governs when they are not (only) its home. */
  ideaProjects: string[];
}

export interface Viewer {
  user: PreviewUser;
  theme: 'light' | 'dark';
}

/** `/path?…` with the viewer's user and theme carried along. */
export function href(path: string, params: Record<string, string | undefined>, viewer: Viewer): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('as', viewer.user.role);
  if (viewer.theme === 'dark') q.set('theme', 'dark');
  return `${path}?${q.toString()}`;
}

function page(title: string, viewer: Viewer, body: string): string {
  return `<!doctype html>
<html lang="en" data-color-mode="${viewer.theme}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="/preview.css" />
  </head>
  <body>
${body}
  </body>
</html>
`;
}

export type IdeaState = 'locked' | 'unlocked' | 'bypass' | 'in progress' | 'done' | 'gate unknown';

export function ideaState(idea: PreviewIdea, gate: GateSummary | undefined): IdeaState {
  if (idea.category === 'done') return 'done';
  if (idea.category === 'indeterminate') return 'in progress';
  const bypass = new Set((gate?.bypassLabels ?? ['reliability', 'security']).map((l) => l.toLowerCase()));
  if (idea.labels.some((l) => bypass.has(l.toLowerCase()))) return 'bypass';
  if (!gate || gate.innovationUnlocked === null) return 'gate unknown';
  return gate.innovationUnlocked ? 'unlocked' : 'locked';
}

const STATE_TONE: Record<IdeaState, string> = {
  locked: 'bad',
  unlocked: 'ok',
  bypass: 'warn',
  'in progress': '',
  done: '',
  'gate unknown': 'warn',
};

/** The ideas worth a link: one waiting idea of each state, then the others, at most `max`. */
export function pickIdeas(
  ideas: readonly PreviewIdea[],
  gate: GateSummary | undefined,
  max = 3,
): PreviewIdea[] {
  const seen = new Set<IdeaState>();
  const first: PreviewIdea[] = [];
  for (const idea of ideas) {
    const state = ideaState(idea, gate);
    if (!seen.has(state)) {
      seen.add(state);
      first.push(idea);
    }
  }
  const order: IdeaState[] = ['locked', 'unlocked', 'gate unknown', 'bypass', 'in progress', 'done'];
  first.sort((a, b) => order.indexOf(ideaState(a, gate)) - order.indexOf(ideaState(b, gate)));
  return first.slice(0, max);
}

function phaseCell(gate: GateSummary | undefined): string {
  if (!gate || gate.phase === null) {
    return `<span class="lozenge">not computed yet</span><br /><span class="subtle">the first page view computes it</span>`;
  }
  const tone = gate.phase === 3 ? 'ok' : gate.phase === 2 ? 'warn' : 'bad';
  const age = gate.computedAt
    ? `computed ${escapeHtml(gate.computedAt.replace('T', ' ').slice(0, 19))} UTC`
    : '';
  const error = gate.lastError ? `<br /><span class="lozenge bad">last computation failed</span>` : '';
  const name = gate.gateName
    ? `<strong data-testid="index-gate-name">${escapeHtml(gate.gateName)}</strong><br />`
    : '';
  return `${name}<span class="lozenge ${tone}" data-testid="index-phase-${gate.phase}">Phase ${gate.phase}</span> ${escapeHtml(
    gate.phaseName ?? '',
  )}<br /><span class="subtle">innovation ${gate.innovationUnlocked ? 'unlocked' : 'locked'} · ${age}</span>${error}`;
}

export interface IndexData {
  site: PreviewSite;
  viewer: Viewer;
  gates: Map<string, GateSummary>;
  macros: MacroInstance[];
  metrics: Record<string, ResolverSummary>;
  queue: QueueStats;
  resources: { main: string; macroConfig: string };
}

/** The preview's first page. */
export function renderIndex(data: IndexData): string {
  const { site, viewer, gates, resources } = data;
  const main = resources.main;
  const link = (label: string, path: string, params: Record<string, string | undefined>, testId: string) =>
    `<a href="${escapeHtml(href(path, params, viewer))}" data-testid="${escapeHtml(testId)}">${escapeHtml(label)}</a>`;

  const users = site.users
    .map((u) => {
      const current = u.role === viewer.user.role;
      return `<li><a href="${escapeHtml(href('/', {}, { ...viewer, user: u }))}" aria-current="${current}" data-testid="as-${escapeHtml(u.role)}" title="${escapeHtml(u.summary)}">${escapeHtml(u.role)} · ${escapeHtml(u.displayName)}</a></li>`;
    })
    .join('');
  const themes = (['light', 'dark'] as const)
    .map(
      (t) =>
        `<li><a href="${escapeHtml(href('/', {}, { ...viewer, theme: t }))}" aria-current="${viewer.theme === t}">${t}</a></li>`,
    )
    .join('');

  const projectRows = site.projects
    .map((p: PreviewProject) => {
      const gate = gates.get(p.key);
      // Ideas are decided by the gate that governs their project (SPEC §3.0): a gate listing it, else its own.
      const governing = [...gates.values()].find((g) => g.ideaProjects.includes(p.key)) ?? gate;
      const ideas = pickIdeas(
        site.ideas.filter((i) => i.project === p.key),
        governing,
      );
      const ideaLinks = ideas.length
        ? ideas
            .map((i) => {
              const state = ideaState(i, governing);
              return `<li>${link(`Idea panel · ${i.key}`, main, { surface: 'idea', issue: i.key, project: p.key }, `link-idea-${i.key}`)} <span class="lozenge ${STATE_TONE[state]}">${escapeHtml(state)}</span> ${link('issue', `/browse/${i.key}`, {}, `link-issue-${i.key}`)}</li>`;
            })
            .join('')
        : '<li class="subtle">no Innovation Idea issues</li>';
      const macroId = `roadmap-${p.key}`;
      return `<tr data-testid="project-row-${escapeHtml(p.key)}">
  <td><strong>${escapeHtml(p.key)}</strong><br /><span class="subtle">${escapeHtml(p.name)}</span></td>
  <td>${phaseCell(gate)}</td>
  <td><ul>
    <li>${link('Project page', main, { surface: 'project', project: p.key }, `link-project-${p.key}`)}</li>
    <li>${link('Settings', main, { surface: 'settings', project: p.key }, `link-settings-${p.key}`)}</li>
  </ul></td>
  <td><ul>
    <li>${link('Roadmap macro', main, { surface: 'macro', macro: macroId }, `link-macro-${p.key}`)}</li>
    <li>${link('Macro config', resources.macroConfig, { surface: 'macro-config', macro: macroId }, `link-macro-config-${p.key}`)}</li>
  </ul></td>
  <td><ul>${ideaLinks}</ul></td>
</tr>`;
    })
    .join('\n');

  const others = data.macros
    .filter((m) => !site.projects.some((p) => m.id === `roadmap-${p.key}`))
    .map(
      (m) =>
        `<li>${link(`Macro ${m.id}`, main, { surface: 'macro', macro: m.id }, `link-macro-${m.id}`)} <span class="subtle">(${m.config ? `project ${escapeHtml(String(m.config.project ?? '?'))}` : 'not configured'})</span></li>`,
    )
    .join('');

  const timings = Object.entries(data.metrics);
  const timingRows = timings.length
    ? timings
        .map(
          ([name, s]) =>
            `<tr><td><code>${escapeHtml(name)}</code></td><td>${s.count}</td><td>${s.medianMs}</td><td>${s.p95Ms}</td><td>${s.maxMs}</td><td>${s.kvsReadsMedian}</td><td>${s.jiraRequestsMedian}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="7" class="subtle">no resolver called yet: open a surface</td></tr>';

  const body = `<header class="top">
  <div>
    <h1>Phase Gate · local preview</h1>
    <span class="subtle">Jira: ${escapeHtml(site.description)}${site.today ? ` · demo today ${escapeHtml(site.today)}` : ''}</span>
  </div>
  <nav aria-label="Viewing user and theme">
    <ul class="switch"><li class="subtle">Viewing as</li>${users}</ul>
    <ul class="switch"><li class="subtle">Theme</li>${themes}</ul>
  </nav>
</header>
<main>
  <p class="subtle">Viewing as <strong data-testid="viewing-user">${escapeHtml(viewer.user.displayName)}</strong> (${escapeHtml(viewer.user.role)}): ${escapeHtml(viewer.user.summary)}. Every surface below is the built Custom UI calling the app's real resolvers as this user.</p>
  <section aria-labelledby="projects-h">
    <h2 id="projects-h">Jira projects</h2>
    <table data-testid="project-table">
      <thead><tr><th>Project</th><th>Phase gate</th><th>Jira</th><th>Confluence</th><th>Ideas (issue panel)</th></tr></thead>
      <tbody>
${projectRows}
      </tbody>
    </table>
  </section>
  <section aria-labelledby="more-h">
    <h2 id="more-h">More surfaces</h2>
    <ul>
      <li>${link('Jira admin page: setup and portfolio', main, { surface: 'admin' }, 'link-admin')}</li>
      <li>${link('Insert a new roadmap macro (opens its config, as Confluence does on insert)', '/new-macro', {}, 'link-new-macro')}</li>
      ${others}
    </ul>
    <form class="inline" method="post" action="${escapeHtml(href('/api/schedule', {}, viewer))}">
      <button type="submit" data-testid="run-schedule">Run the hourly recompute now</button>
      <span class="subtle">(the scheduled trigger queues one recompute per configured project; the queue runs them here, delays scaled down)</span>
    </form>
  </section>
  <section aria-labelledby="timing-h">
    <h2 id="timing-h">Resolver timings (ms)</h2>
    <table>
      <thead><tr><th>resolver</th><th>calls</th><th>median</th><th>p95</th><th>max</th><th>KVS reads (median)</th><th>Jira requests (median)</th></tr></thead>
      <tbody>${timingRows}</tbody>
    </table>
    <p class="subtle">Queue: ${data.queue.pushed} pushed, ${data.queue.waiting} waiting, ${data.queue.running} running, ${data.queue.done} done, ${data.queue.failed} failed. JSON: <a href="/api/metrics">/api/metrics</a>.</p>
  </section>
</main>`;
  return page('Phase Gate · local preview', viewer, body);
}

export interface IssueViewData {
  key: string;
  viewer: Viewer;
  /** The issue as Jira answered it to the viewing user, or the refusal. */
  issue: { fields: Record<string, unknown> } | null;
  refusal: string | null;
  ideaType: string;
  mainResource: string;
}

const name = (v: unknown) => {
  const n = (v as { name?: unknown } | null)?.name;
  return typeof n === 'string' ? n : '';
};

/** `2026-10-14T12:48:00.000+0100` → `2026-10-14 12:48 (+0100)`. */
function jiraInstant(v: unknown): string {
  if (typeof v !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})[^+-]*([+-]\d{4})?$/.exec(v);
  return m ? `${m[1]} ${m[2]}${m[3] ? ` (${m[3]})` : ''}` : v;
}

/** The demo's issue view (what `router.open('/browse/KEY')` opens). */
export function renderIssue(data: IssueViewData): string {
  const { key, viewer } = data;
  const back = `<a href="${escapeHtml(href('/', {}, viewer))}">All surfaces</a>`;
  if (!data.issue) {
    const body = `<header class="top"><h1>${escapeHtml(key)}</h1>${back}</header>
<main><section><p data-testid="issue-refused">${escapeHtml(data.refusal ?? 'This issue cannot be shown.')}</p></section></main>`;
    return page(`${key} · preview`, viewer, body);
  }
  const f = data.issue.fields;
  const project = (f.project as { key?: string } | undefined)?.key ?? key.replace(/-\d+$/, '');
  const type = name(f.issuetype);
  const labels = Array.isArray(f.labels) ? (f.labels as string[]).join(', ') : '';
  const rows: [string, string][] = [
    ['Type', type],
    ['Status', name(f.status)],
    ['Priority', name(f.priority)],
    ['Resolution', name(f.resolution) || 'Unresolved'],
    ['Created', jiraInstant(f.created)],
    ['Resolved', jiraInstant(f.resolutiondate)],
    ['Due date', String(f.duedate ?? '')],
    ['Labels', labels],
  ];
  const panel =
    type.toLowerCase() === data.ideaType.toLowerCase()
      ? `<aside aria-label="Phase gate (issue panel)"><iframe class="panel" title="Phase gate" src="${escapeHtml(
          href(data.mainResource, { surface: 'idea', issue: key, project, badge: '0' }, viewer),
        )}"></iframe></aside>`
      : '';
  const body = `<header class="top">
  <div><h1 data-testid="issue-key">${escapeHtml(key)}</h1><span class="subtle">${escapeHtml(project)} · viewed as ${escapeHtml(viewer.user.displayName)}</span></div>
  ${back}
</header>
<main>
  <div class="issue-layout">
    <section>
      <h2 data-testid="issue-summary">${escapeHtml(f.summary ?? '')}</h2>
      <dl class="fields">${rows
        .filter(([, v]) => v)
        .map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`)
        .join('')}</dl>
    </section>
    ${panel}
  </div>
</main>`;
  return page(`${key} · preview`, viewer, body);
}

/** A plain message page (errors of the preview itself). */
export function renderMessage(title: string, message: string, viewer: Viewer): string {
  return page(
    title,
    viewer,
    `<header class="top"><h1>${escapeHtml(title)}</h1><a href="${escapeHtml(href('/', {}, viewer))}">All surfaces</a></header><main><section><p>${escapeHtml(message)}</p></section></main>`,
  );
}
