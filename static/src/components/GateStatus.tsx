import type { GateView } from '../../../src/forge/contract';
import { formatAge, formatDeferral, formatInstant } from '../format';
import { Banner } from './ui';

/** Minutes since the snapshot, counted on from when the view was received. */
export function currentAge(
  view: Pick<GateView, 'ageMinutes'>,
  receivedAt: number,
  now: number,
): number | null {
  if (view.ageMinutes === null) return null;
  return view.ageMinutes + Math.max(0, now - receivedAt) / 60000;
}

/** "Computed 12 minutes ago" (data-testid computed-age), the absolute time in the title. */
export function ComputedAge({
  computedAt,
  ageMinutes,
  prefix = 'Computed',
}: {
  computedAt: string | null;
  ageMinutes: number | null;
  prefix?: string;
}) {
  return (
    <span
      className="pg-subtle"
      data-testid="computed-age"
      title={computedAt ? formatInstant(computedAt) : undefined}
    >
      {ageMinutes === null ? 'Not computed yet' : `${prefix} ${formatAge(ageMinutes)}`}
    </span>
  );
}

/** The stale and last-error banners: the page keeps showing the last good state with its age and the error. */
export function GateBanners({ view, ageMinutes }: { view: GateView; ageMinutes: number | null }) {
  const hasSnapshot = view.snapshot !== null;
  return (
    <>
      {view.lastError && (
        <Banner
          tone={hasSnapshot ? 'warning' : 'error'}
          title={hasSnapshot ? 'The last computation failed' : 'The computation failed'}
          testId="last-error"
        >
          <p>
            {formatInstant(view.lastError.at)}: {view.lastError.message}
          </p>
          {hasSnapshot && (
            <p>
              Showing the last good state, computed {formatAge(ageMinutes)}. Nothing was changed by the failed
              run.
            </p>
          )}
        </Banner>
      )}
      {view.deferred && (
        <Banner tone="info" title={formatDeferral(view.deferred)} testId="deferred-banner">
          <p>Showing the state computed {formatAge(ageMinutes)}.</p>
        </Banner>
      )}
      {view.stale && hasSnapshot && (
        <Banner tone="warning" title="This gate state is stale" testId="stale-banner">
          <p>
            It was computed {formatAge(ageMinutes)}, longer ago than the settings allow. Until a fresh
            computation succeeds, ideas stay locked (the gate fails closed).
          </p>
        </Banner>
      )}
    </>
  );
}
