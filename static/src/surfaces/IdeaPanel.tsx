/**
 * Idea panel (jira:issuePanel on "Innovation Idea" issues): locked or unlocked, why, what would unlock it, and the
 * bypass label when one applies.
 */
import type { IdeaView } from '../../../src/forge/contract';
import { api } from '../api';
import { useApi } from '../components/useApi';
import { ErrorState, Icon, Loading, useNow } from '../components/ui';
import { formatAge, formatInstant, minutesSince, sentence } from '../format';
import { useI18n } from '../i18n';
import type { SurfaceProps } from './types';

/** The panel's headline state. */
export function ideaState(idea: IdeaView): 'not-an-idea' | 'locked' | 'unlocked' {
  if (!idea.isIdea) return 'not-an-idea';
  return idea.locked ? 'locked' : 'unlocked';
}

function Headline({ idea }: { idea: IdeaView }) {
  const { t } = useI18n();
  const state = ideaState(idea);
  const text =
    state === 'locked'
      ? t('idea.locked')
      : state === 'unlocked'
        ? idea.bypass
          ? t('idea.unlockedByBypass')
          : t('idea.unlocked')
        : t('idea.notAnIdea');
  return (
    <div className="pg-idea-state" data-testid="idea-state" data-state={state} role="status">
      <Icon name={state === 'locked' ? 'lock' : state === 'unlocked' ? 'unlock' : 'info'} />
      <strong>{text}</strong>
    </div>
  );
}

export default function IdeaPanel({ context }: SurfaceProps) {
  const { state, reload } = useApi(api.getIdea);
  const now = useNow();
  const { t, w } = useI18n();

  if (state.status === 'loading') {
    return (
      <main className="pg-app pg-app--compact">
        <Loading label={t('idea.checking')} />
      </main>
    );
  }
  if (state.status === 'error')
    return (
      <main className="pg-app pg-app--compact">
        <ErrorState error={state.error} onRetry={reload} />
      </main>
    );

  const idea = state.data;
  const issueKey = idea.issue || context.extension.issue?.key || '';
  const phaseName = idea.phase === 1 || idea.phase === 2 || idea.phase === 3 ? w.phaseName(idea.phase) : null;
  const age = formatAge(minutesSince(idea.computedAt, now), w);
  // The unlocked sentence already names the phase: the footer then gives only the age.
  const saysPhase = idea.isIdea && !idea.locked && !idea.bypass && idea.phase === 3;

  return (
    <main className="pg-app pg-app--compact pg-stack" data-testid="idea-panel">
      <Headline idea={idea} />
      {!idea.isIdea && (
        <p className="pg-subtle">{t('idea.notIdeaType', { issue: issueKey || t('idea.thisIssue') })}</p>
      )}
      {idea.isIdea && idea.bypass && (
        <p data-testid="idea-bypass">
          {t('idea.bypassBefore')} <code>{idea.bypass}</code>
          {t('idea.bypassAfter')}
        </p>
      )}
      {idea.isIdea && idea.locked && (
        <section className="pg-stack pg-stack--tight" aria-labelledby="idea-why">
          <h2 id="idea-why" className="pg-h3">
            {t('idea.whatUnlocks')}
          </h2>
          <p className="pg-subtle">{t('idea.unlockRule', { project: idea.project })}</p>
          {idea.reasons.length > 0 ? (
            <ul className="pg-bullets" data-testid="idea-reasons">
              {idea.reasons.map((r) => (
                <li key={r}>{sentence(r)}</li>
              ))}
            </ul>
          ) : (
            <p>{t('idea.stateUnknown')}</p>
          )}
          <p className="pg-subtlest">
            {t('idea.bypassDefaultBefore')} <code>{'reliability'}</code> {t('idea.bypassDefaultOr')}{' '}
            <code>{'security'}</code>
            {t('idea.bypassDefaultAfter')}
          </p>
        </section>
      )}
      {idea.isIdea && !idea.locked && !idea.bypass && (
        <p className="pg-subtle">
          {idea.phase === 3 ? t('idea.reachedPhase3', { project: idea.project }) : t('idea.leftToDo')}
        </p>
      )}
      <p className="pg-subtlest" data-testid="idea-gate-age">
        {!idea.computedAt
          ? t('idea.notComputed', { project: idea.project })
          : saysPhase
            ? t('idea.computedAge', { age })
            : idea.phase && phaseName
              ? t('idea.phaseAge', { project: idea.project, phase: idea.phase, name: phaseName, age })
              : t('idea.phaseUnknownAge', { project: idea.project, age })}
        {idea.computedAt && (
          <span className="sr-only"> ({formatInstant(idea.computedAt, undefined, w)})</span>
        )}
      </p>
    </main>
  );
}
