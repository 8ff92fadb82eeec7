/** What the browser receives of a stored snapshot (pure: no platform import, usable from UI tests). */
import type { Evidence } from '../core/report';
import type { Snapshot, SnapshotView } from './contract';

/**
 * The snapshot for the browser: evidence counts, never the keys (computed as the app; the viewer reads the issues
 * through `getEvidence`, as themselves).
 */
export function snapshotView(snapshot: Snapshot): SnapshotView {
  const lists = Object.keys(snapshot.evidence) as (keyof Evidence)[];
  const count = <T>(f: (name: keyof Evidence) => T) =>
    Object.fromEntries(lists.map((name) => [name, f(name)])) as Record<keyof Evidence, T>;
  const { evidenceTotals: _totals, ...rest } = snapshot;
  return {
    ...rest,
    evidence: count(() => []),
    evidenceStored: count((name) => snapshot.evidence[name].length),
    evidenceTotals: count((name) => snapshot.evidenceTotals?.[name] ?? snapshot.evidence[name].length),
  };
}
