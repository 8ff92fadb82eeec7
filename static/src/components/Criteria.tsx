import type { Criterion } from '../../../src/core/report';
import { formatCriterionLabel, formatCriterionValue, formatTarget, hintText, sentence } from '../format';
import { criterionState } from '../ladder';
import { Icon } from './ui';

const STATE_TEXT = { met: 'Met', unmet: 'Not met', insufficient: 'Not enough data' } as const;

/**
 * Each criterion with its value, its target and what would change it.
 * data-testid: criterion-R1 … criterion-D2 (data-met = true | false).
 */
export function CriteriaList({ criteria }: { criteria: Criterion[] }) {
  return (
    <ul className="pg-criteria">
      {criteria.map((c) => {
        const state = criterionState(c, criteria);
        return (
          <li
            key={c.id}
            className="pg-criterion"
            data-testid={`criterion-${c.id}`}
            data-met={String(c.met)}
            data-state={state}
          >
            <span className="pg-criterion__icon">
              <Icon name={state === 'met' ? 'check' : state === 'insufficient' ? 'warning' : 'cross'} />
            </span>
            <span className="pg-criterion__label">
              <span className="sr-only">
                {c.id}, {STATE_TEXT[state]}:{' '}
              </span>
              {formatCriterionLabel(c.label)}
            </span>
            <span className="pg-criterion__value">
              <strong>{formatCriterionValue(c)}</strong>{' '}
              <span className="pg-subtle">target {formatTarget(c)}</span>
            </span>
            {!c.met && c.hint && <span className="pg-criterion__hint">{sentence(hintText(c.hint))}</span>}
          </li>
        );
      })}
    </ul>
  );
}
