/**
 * Idea panel (jira:issuePanel on "Innovation Idea" issues): locked or unlocked, why, what would unlock it, and the
 * bypass label when one applies.
 */
import type { IdeaView } from '../../../src/forge/contract';
import { api } from '../api';
import { useApi } from '../components/useApi';
import { ErrorState, Icon, Loading, useNow } from '../components/ui';
import { formatAge, formatInstant, minutesSince, sentence } from '../format';
import { PHASES } from '../ladder';
import type { SurfaceProps } from './types';

/** The panel's headline state. */
export function ideaState(idea: IdeaView): 'not-an-idea' | 'locked' | 'unlocked' {
  if (!idea.isIdea) return 'not-an-idea';
  return idea.locked ? 'locked' : 'unlocked';
}

function Headline({ idea }: { idea: IdeaView }) {
  const state = ideaState(idea);
  const text =
    state === 'locked'
      ? 'Locked — this idea cannot leave intake yet'
      : state === 'unlocked'
        ? idea.bypass
          ? 'Unlocked by a bypass label'
          : 'Unlocked — this idea can move on'
        : 'Not an innovation idea';
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

  if (state.status === 'loading') {
    return (
      <main className="pg-app pg-app--compact">
        <Loading label="Checking the innovation gate…" />
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
  const phaseName = idea.phase ? PHASES.find((p) => p.phase === idea.phase)?.name : null;
  const age = minutesSince(idea.computedAt, now);
  // The unlocked sentence already names the phase: the footer then gives only the age.
  const saysPhase = idea.isIdea && !idea.locked && !idea.bypass && idea.phase === 3;

  return (
    <main className="pg-app pg-app--compact pg-stack" data-testid="idea-panel">
      <Headline idea={idea} />
      {!idea.isIdea && (
        <p className="pg-subtle">
          {issueKey || 'This issue'} is not of the idea issue type, so the innovation gate does not apply to
          it.
        </p>
      )}
      {idea.isIdea && idea.bypass && (
        <p data-testid="idea-bypass">
          It carries the bypass label <code>{idea.bypass}</code>: reliability and security work is never held
          back by the gate.
        </p>
      )}
      {idea.isIdea && idea.locked && (
        <section className="pg-stack pg-stack--tight" aria-labelledby="idea-why">
          <h2 id="idea-why" className="pg-h3">
            What would unlock it
          </h2>
          <p className="pg-subtle">
            Ideas unlock when {idea.project} runs reliable systems and delivers on time (phase 3). Until then,
            this idea stays in its intake status. Still missing:
          </p>
          {idea.reasons.length > 0 ? (
            <ul className="pg-bullets" data-testid="idea-reasons">
              {idea.reasons.map((r) => (
                <li key={r}>{sentence(r)}</li>
              ))}
            </ul>
          ) : (
            <p>The gate state is unknown, so ideas stay locked until it is computed.</p>
          )}
          <p className="pg-subtlest">
            An idea with a bypass label (by default <code>reliability</code> or <code>security</code>) is
            never locked.
          </p>
        </section>
      )}
      {idea.isIdea && !idea.locked && !idea.bypass && (
        <p className="pg-subtle">
          {idea.phase === 3
            ? `${idea.project} has reached phase 3 (Innovation): ideas are unlocked.`
            : 'This idea is past intake, so the gate no longer holds it.'}
        </p>
      )}
      <p className="pg-subtlest" data-testid="idea-gate-age">
        {!idea.computedAt
          ? `The gate of ${idea.project} has not been computed yet.`
          : saysPhase
            ? `Gate computed ${formatAge(age)}`
            : `${idea.project} is in phase ${idea.phase ?? '?'}${phaseName ? ` (${phaseName})` : ''} · gate computed ${formatAge(age)}`}
        {idea.computedAt && <span className="sr-only"> ({formatInstant(idea.computedAt)})</span>}
      </p>
    </main>
  );
}
