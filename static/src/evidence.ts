/**
 * The evidence lists behind the figures. A stored list may have been cut to fit storage: `Snapshot.evidenceTotals`
 * then holds its full length, and counts read from the list's length must use it instead.
 */
import type { Snapshot } from '../../src/forge/contract';
import type { Evidence } from '../../src/core/report';

export interface EvidenceCount {
  /** How many issues the list holds in full. */
  total: number;
  /** How many of their keys were stored with the computation (what "Show issues" can read). */
  stored: number;
}

/** The full and the stored length of one evidence list. */
export function evidenceCount(
  snapshot: Pick<Snapshot, 'evidence' | 'evidenceTotals'> & {
    evidenceStored?: Partial<Record<keyof Evidence, number>>;
  },
  list: keyof Evidence,
): EvidenceCount {
  // The resolvers send counts only (SnapshotView); a list of keys is read for its length where one is given.
  const stored = snapshot.evidenceStored?.[list] ?? snapshot.evidence[list]?.length ?? 0;
  const total = snapshot.evidenceTotals?.[list];
  return { total: typeof total === 'number' && total > stored ? total : stored, stored };
}

/**
 * The line under an expanded list that does not show every issue, or null when it does: "Showing 50 of 180: only 50
 * are kept with the computation." A list can also come back shorter than stored (issues hidden from the viewer, or
 * changed since).
 */
export function evidenceNote(shown: number, count: EvidenceCount): string | null {
  const { total, stored } = count;
  if (shown >= total) return null;
  const hidden = Math.max(0, stored - shown);
  if (stored === 0) return `The list of these ${total} issues was too long to keep with the computation.`;
  if (shown === 0)
    return 'None of these issues is visible to you now: they are hidden from you, or have changed since the computation.';
  if (stored < total) {
    const also =
      hidden > 0 ? `, and ${hidden} of those are hidden from you or have changed since the computation` : '';
    return `Showing ${shown} of ${total}: only ${stored} ${stored === 1 ? 'is' : 'are'} kept with the computation${also}.`;
  }
  return `Showing ${shown} of ${total}: the others are hidden from you, or have changed since the computation.`;
}
