/**
 * The evidence lists behind the figures. The resolvers send counts only (`SnapshotView`): how many issues each list
 * holds in full (`evidenceTotals`, exact even when the stored list was cut to fit storage) and how many of their keys
 * were kept with the computation (`evidenceStored`, what "Show issues" can read).
 */
import type { Evidence } from '../../src/core/report';
import type { SnapshotView } from '../../src/forge/contract';

export interface EvidenceCount {
  /** How many issues the list holds in full. */
  total: number;
  /** How many of their keys were stored with the computation (what "Show issues" can read). */
  stored: number;
}

/** The full and the stored length of one evidence list. */
export function evidenceCount(
  snapshot: Pick<SnapshotView, 'evidenceTotals' | 'evidenceStored'>,
  list: keyof Evidence,
): EvidenceCount {
  const stored = snapshot.evidenceStored[list] ?? 0;
  const total = snapshot.evidenceTotals[list] ?? 0;
  return { total: Math.max(total, stored), stored };
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
