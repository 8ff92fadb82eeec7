import type { GateView } from '../../../src/forge/contract';
import { formatAge, formatInstant, viewerTimeZone } from '../format';
import { useI18n } from '../i18n';
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
  prefix,
}: {
  computedAt: string | null;
  ageMinutes: number | null;
  /** Words before the age, instead of "Computed" (the caller's, in the viewer's language). */
  prefix?: string;
}) {
  const { t, w } = useI18n();
  const age = formatAge(ageMinutes, w);
  return (
    <span
      className="pg-subtle"
      data-testid="computed-age"
      title={computedAt ? formatInstant(computedAt, undefined, w) : undefined}
    >
      {ageMinutes === null
        ? t('project.notComputedYet')
        : prefix === undefined
          ? t('project.computedAge', { age })
          : `${prefix} ${age}`}
    </span>
  );
}

/** The stale and last-error banners: the page keeps showing the last good state with its age and the error. */
export function GateBanners({ view, ageMinutes }: { view: GateView; ageMinutes: number | null }) {
  const { t, w } = useI18n();
  const hasSnapshot = view.snapshot !== null;
  const age = formatAge(ageMinutes, w);
  return (
    <>
      {view.lastError && (
        <Banner
          tone={hasSnapshot ? 'warning' : 'error'}
          title={hasSnapshot ? t('project.lastComputationFailed') : t('project.computationFailed')}
          testId="last-error"
        >
          <p>
            {formatInstant(view.lastError.at, undefined, w)}: {view.lastError.message}
          </p>
          {hasSnapshot && <p>{t('project.showingLastGood', { age })}</p>}
        </Banner>
      )}
      {view.deferred && (
        <Banner
          tone="info"
          title={w.deferralNotice(Date.parse(view.deferred.nextTryAt), viewerTimeZone())}
          testId="deferred-banner"
        >
          <p>{t('project.showingState', { age })}</p>
        </Banner>
      )}
      {view.stale && hasSnapshot && (
        <Banner tone="warning" title={t('project.staleTitle')} testId="stale-banner">
          <p>{t('project.staleBody', { age })}</p>
        </Banner>
      )}
    </>
  );
}
