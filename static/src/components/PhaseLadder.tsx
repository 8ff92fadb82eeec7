import type { Report } from '../../../src/core/report';
import { useI18n } from '../i18n';
import { phaseLadder, type PhaseState } from '../ladder';
import { Icon, Lozenge, type LozengeTone } from './ui';

const TONE: Record<PhaseState, LozengeTone> = { met: 'success', unmet: 'danger', insufficient: 'warning' };

/**
 * The three phases in order, the current one marked with aria-current="step".
 * data-testid: phase-ladder, phase-1/2/3 (data-state = met | unmet | insufficient).
 */
export function PhaseLadder({
  report,
  compact = false,
  headingId,
}: {
  report: Pick<Report, 'phase' | 'innovationUnlocked' | 'reliability' | 'delivery' | 'ideas'>;
  compact?: boolean;
  headingId?: string;
}) {
  const { t, w } = useI18n();
  const steps = phaseLadder(report, w);
  return (
    <ol
      className={`pg-ladder${compact ? ' pg-ladder--compact' : ''}`}
      data-testid="phase-ladder"
      aria-labelledby={headingId}
    >
      {steps.map((s) => (
        <li
          key={s.phase}
          className="pg-step"
          data-testid={`phase-${s.phase}`}
          data-phase={s.phase}
          data-state={s.state}
          aria-current={s.current ? 'step' : undefined}
        >
          <div className="pg-step__top">
            <span className="pg-step__number">
              {t('project.ladderPhase', { phase: s.phase })}
              {s.current && <span className="pg-step__current">{t('project.ladderCurrent')}</span>}
            </span>
            <Lozenge tone={s.phase === 3 && s.state === 'unmet' ? 'default' : TONE[s.state]}>
              {s.phase === 3 && <Icon name={s.state === 'met' ? 'unlock' : 'lock'} />}
              {s.stateLabel}
            </Lozenge>
          </div>
          <span className="pg-step__name">{s.name}</span>
          <span className="pg-step__summary">{s.summary}</span>
        </li>
      ))}
    </ol>
  );
}
