import type { Waiver } from '../../../src/core/config';
import type { Criterion } from '../../../src/core/report';
import type { CriterionWindows } from '../../../src/core/wording';
import { criterionView, type CriterionState } from '../criteria';
import { sentence } from '../format';
import { useI18n } from '../i18n';
import { Icon } from './ui';

const ICON: Record<CriterionState, 'check' | 'cross' | 'warning' | 'info'> = {
  met: 'check',
  unmet: 'cross',
  insufficient: 'warning',
  waived: 'info',
};

/**
 * Each criterion with its value, its target, what would change it and the waiver that covers it, in the wording
 * module's words. data-testid: criterion-R0 … criterion-D3 (data-met = true | false, data-waived = true | false,
 * data-state = met | unmet | insufficient | waived); criterion-waiver-<id> under a waived one.
 */
export function CriteriaList({
  criteria,
  waivers,
  windows,
}: {
  criteria: Criterion[];
  waivers: readonly Waiver[];
  /** The report's windows: the labels are then worded in the viewer's language (else the report's own). */
  windows?: CriterionWindows;
}) {
  const { t, w } = useI18n();
  return (
    <ul className="pg-criteria">
      {criteria.map((c) => {
        const v = criterionView(c, criteria, waivers, w, windows);
        return (
          <li
            key={c.id}
            className="pg-criterion"
            data-testid={`criterion-${c.id}`}
            data-met={String(c.met)}
            data-waived={String(c.waived)}
            data-state={v.state}
          >
            <span className="pg-criterion__icon">
              <Icon name={ICON[v.state]} />
            </span>
            <span className="pg-criterion__label">
              <span className="sr-only">{v.stateText}: </span>
              {v.label}
              {v.state === 'waived' && (
                <span className="pg-criterion__badge">{t('project.stateWaived')}</span>
              )}
            </span>
            <span className="pg-criterion__value">
              <strong>{v.value}</strong>{' '}
              <span className="pg-subtle">{t('project.target', { target: v.target })}</span>
            </span>
            {v.need && <span className="pg-criterion__hint">{sentence(v.need)}</span>}
            {v.waiver && (
              <span className="pg-criterion__waiver" data-testid={`criterion-waiver-${c.id}`}>
                {sentence(v.waiver)}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
