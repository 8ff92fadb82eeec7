/**
 * Issue #12: the small summary of a gate document (`summary:ID`) that the portfolio reads instead of the full
 * document (up to 230 KiB each). storage.ts writes it beside the gate document on every path that stores one
 * (`gateWrites`), so the two cannot disagree; {@link summarise} is the one place it is derived.
 */
import { z } from 'zod';
import { trendDates } from '../core/compute';
import { parseConfig, type Config } from '../core/config';
import type { Deferral, PortfolioRow } from './contract';
import type { GateDoc } from './storage';

/** The longest last-error message a summary keeps (the gate document keeps up to 2,000 characters). */
export const SUMMARY_ERROR_CHARS = 400;

/** A configuration's source lists: with the home's key they give every project the gate reads (gate.ts `gateProjects`). */
export interface SourceLists {
  incidentProjects?: string[];
  deliveryProjects?: string[];
  ideaProjects?: string[];
}

/** What a portfolio row needs of a gate, and what it reads (for the browse check), without the project's key. */
export interface GateSummary extends Omit<PortfolioRow, 'project' | 'name' | 'violations' | 'lastStepBack'> {
  v: 1;
  /** The settings' or the report's gate name; null: the home's key (known to the reader, it may change). */
  name: string | null;
  violations: NonNullable<PortfolioRow['violations']>;
  lastStepBack: Exclude<PortfolioRow['lastStepBack'], undefined>;
  /** The source lists of the configuration in force, then of the one the snapshot was computed with. */
  scopes: SourceLists[];
  /** Scheduled work deferred for the Jira points budget (cleared by the next stored snapshot). */
  deferred?: Deferral;
}

function lists(config: Config): SourceLists {
  return {
    ...(config.incidentProjects ? { incidentProjects: config.incidentProjects } : {}),
    ...(config.deliveryProjects ? { deliveryProjects: config.deliveryProjects } : {}),
    ...(config.ideaProjects ? { ideaProjects: config.ideaProjects } : {}),
  };
}

/** The configuration through the schema, as gate.ts reads it: the defaults (no lists) when it no longer validates. */
function parsedOr<T>(stored: unknown, fallback: T): Config | T {
  try {
    return parseConfig(stored);
  } catch {
    return fallback;
  }
}

/** The summary of a gate document. */
export function summarise(doc: GateDoc): GateSummary {
  const report = doc.snapshot?.report;
  const changes = report?.phaseChanges ?? [];
  const inForce = parsedOr(doc.config, null);
  const computedWith = doc.snapshotConfig ? parsedOr(doc.snapshotConfig, null) : null;
  const message = doc.lastError?.message ?? null;
  return {
    v: 1,
    name: doc.config.name ?? report?.gate?.name ?? null,
    phase: report?.phase ?? null,
    phaseName: report?.phaseName ?? null,
    innovationUnlocked: report?.innovationUnlocked ?? null,
    computedAt: doc.snapshot?.computedAt ?? null,
    lastError:
      message && message.length > SUMMARY_ERROR_CHARS
        ? `${message.slice(0, SUMMARY_ERROR_CHARS - 1)}…`
        : message,
    asOf: report?.asOf ?? null,
    onTimeRate: report?.delivery.onTimeRate ?? null,
    majorIncidents: report?.reliability.majorIncidents ?? null,
    phaseSince: changes.length ? changes[changes.length - 1]!.date : null,
    trackedSince: report ? (trendDates(report.asOf)[0] ?? null) : null,
    timesThrownBack: report?.timesThrownBack ?? null,
    violations: {
      movedOutOfToDo: doc.violations?.movedOutOfToDo ?? 0,
      typeChanged: doc.violations?.typeChanged ?? 0,
    },
    lastStepBack: [...changes].reverse().find((c) => c.to < c.from) ?? null,
    scopes: [inForce ? lists(inForce) : {}, ...(computedWith ? [lists(computedWith)] : [])],
    ...(doc.deferred ? { deferred: doc.deferred } : {}),
  };
}

/** The summary of a configured project with no gate document yet (never computed). */
export const NO_GATE_SUMMARY: GateSummary = summarise({
  project: '',
  config: {} as Config,
  snapshot: null,
  lastError: null,
  lastAttemptAt: null,
});

/** A stored summary read back: one of another version (or damaged) is ignored, and derived again from the document. */
const StoredSummary = z
  .object({
    v: z.literal(1),
    name: z.string().nullable(),
    scopes: z.array(
      z.object({
        incidentProjects: z.array(z.string()).optional(),
        deliveryProjects: z.array(z.string()).optional(),
        ideaProjects: z.array(z.string()).optional(),
      }),
    ),
    violations: z.object({ movedOutOfToDo: z.number(), typeChanged: z.number() }),
  })
  .passthrough();

export function parseSummary(value: unknown): GateSummary | null {
  return StoredSummary.safeParse(value).success ? (value as GateSummary) : null;
}

/** The portfolio row of a gate from its summary (`project`: the home's current key). */
export function summaryRow(project: string, summary: GateSummary): PortfolioRow {
  const { v: _v, scopes: _scopes, name, deferred, ...figures } = summary;
  return { project, name: name ?? project, ...figures, ...(deferred ? { deferred } : {}) };
}
