/**
 * The evidence lists behind the figures. The resolvers send counts only (`SnapshotView`): how many issues each list
 * holds in full (`evidenceTotals`, exact even when the stored list was cut to fit storage) and how many of their keys
 * were kept with the computation (`evidenceStored`, what "Show issues" can read).
 */
import type { Evidence } from '../../src/core/report';
import type { SnapshotView } from '../../src/forge/contract';
import { wordsFor, type Words } from '../../src/core/wording';

/** The default words: English (callers that do not know the viewer's language, and the command line's tests). */
const ENGLISH = wordsFor('en-US');

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
export function evidenceNote(shown: number, count: EvidenceCount, words: Words = ENGLISH): string | null {
  const { t, plural } = words.translator;
  const { total, stored } = count;
  if (shown >= total) return null;
  const hidden = Math.max(0, stored - shown);
  if (stored === 0) return t('project.evidenceTooLong', { total });
  if (shown === 0) return t('project.evidenceNoneVisible');
  if (stored < total)
    return hidden > 0
      ? plural('project.evidenceKeptHidden', stored, { shown, total, hidden })
      : plural('project.evidenceKept', stored, { shown, total });
  return t('project.evidenceOthersHidden', { shown, total });
}
