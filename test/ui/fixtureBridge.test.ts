/**
 * The development fixture shim (static/dev/fixture-bridge.js) sends what the resolvers send: SPEC v2 reports whose
 * criteria are data, `nextGate` as the core computes it, counts instead of evidence keys, and idea reasons in the
 * wording module's words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { nextGateOf } from '../../src/core/compute';
import { lockReasons } from '../../src/core/ideas';
import type { Report } from '../../src/core/report';
import type { GateView, IdeaView } from '../../src/forge/contract';

const SCRIPT = readFileSync(join(__dirname, '..', '..', 'static', 'dev', 'fixture-bridge.js'), 'utf8');

interface Shim {
  invoke(name: string, payload?: Record<string, unknown>): Promise<unknown>;
}

function shim(scenario: string): Shim {
  const window: Record<string, unknown> = {
    location: { search: `?scenario=${scenario}&delay=0` },
    setTimeout: (f: () => void) => f(),
  };
  runInNewContext(SCRIPT, {
    window,
    document: { documentElement: { setAttribute: () => undefined }, title: '' },
    URLSearchParams,
    console,
    Date,
    JSON,
    Object,
    Number,
    Promise,
  });
  return window.__PHASE_GATE_PREVIEW__ as Shim;
}

const CRITERION_KEYS = ['id', 'label', 'value', 'unit', 'op', 'limit', 'met', 'waived', 'need'].sort();
const REPORT_KEYS = [
  'project',
  'gate',
  'sources',
  'asOf',
  'timeZone',
  'computedAt',
  'phase',
  'phaseName',
  'innovationUnlocked',
  'reliability',
  'delivery',
  'ideas',
  'waivers',
  'phaseChanges',
  'timesThrownBack',
  'nextGate',
  'warnings',
].sort();

describe('the fixture shim speaks SPEC v2', () => {
  test.each(['phase1', 'phase2', 'phase3', 'waived', 'no-idea-type', 'stale'])('%s', async (scenario) => {
    const view = (await shim(scenario).invoke('getGate')) as GateView;
    const report = view.snapshot?.report as Report;
    expect(Object.keys(report).sort()).toEqual(REPORT_KEYS);
    for (const c of [...report.reliability.criteria, ...report.delivery.criteria]) {
      expect(Object.keys(c).sort()).toEqual(CRITERION_KEYS);
      expect(c.need === null).toBe(c.met);
    }
    expect(report.nextGate).toEqual(
      nextGateOf(
        report.phase,
        report.innovationUnlocked,
        report.reliability.criteria,
        report.delivery.criteria,
      ),
    );
    expect(typeof report.ideas.typeFound).toBe('boolean');
    // Counts, never keys, as the resolvers send a snapshot.
    expect(Object.values(view.snapshot?.evidence ?? {}).every((l) => l.length === 0)).toBe(true);
    expect(view.snapshot?.evidenceTotals.staleMajorIncidents).toEqual(expect.any(Number));
  });

  test.each(['phase1', 'phase2'])('%s: the idea panel’s reasons are the core’s words', async (scenario) => {
    const s = shim(scenario);
    const report = ((await s.invoke('getGate')) as GateView).snapshot?.report as Report;
    const idea = (await s.invoke('getIdea')) as IdeaView;
    expect(idea.reasons).toEqual(lockReasons(report));
  });
});
