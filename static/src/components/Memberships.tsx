/**
 * The gates a project counts toward (SPEC §3.0: "a project page shows every gate the project is a source of, each with
 * its home"), from `getMemberships` (stored gate documents only), each linking to its home's Phase Gate page.
 *
 * Test ids: `memberships`, `membership-<HOME>` (`data-phase`), `membership-open-<HOME>`, `memberships-hidden`.
 */
import { useId } from 'react';
import { api, type Membership } from '../api';
import { openGatePage } from '../bridge';
import { rolesText } from '../gates';
import { plural } from '../format';
import { Lozenge } from './ui';
import { useApi } from './useApi';

function MembershipRow({
  gate,
  project,
  moduleKey,
}: {
  gate: Membership;
  project: string;
  moduleKey: string;
}) {
  const own = gate.home === project;
  return (
    <li className="pg-membership" data-testid={`membership-${gate.home}`} data-phase={gate.phase ?? ''}>
      <span className="pg-membership__name">
        <strong>{gate.name}</strong>{' '}
        <span className="pg-subtle">
          {own ? `(this project's own gate)` : `(home ${gate.home})`} · counts {rolesText(gate.roles)}
        </span>
      </span>
      <span className="pg-membership__meta">
        {gate.phase === null ? (
          <Lozenge>Not computed yet</Lozenge>
        ) : (
          <Lozenge tone={gate.innovationUnlocked ? 'success' : gate.phase === 1 ? 'danger' : 'warning'}>
            Phase {gate.phase} · {gate.phaseName}
          </Lozenge>
        )}
        {!own && (
          <button
            type="button"
            className="pg-link"
            onClick={() => void openGatePage(gate.home, moduleKey)}
            data-testid={`membership-open-${gate.home}`}
          >
            Open {gate.name}
          </button>
        )}
      </span>
    </li>
  );
}

export function Memberships({ project, moduleKey }: { project: string; moduleKey: string }) {
  const { state } = useApi(api.getMemberships);
  const headingId = useId();
  // Only the project's own gate: nothing more to say than the page already does.
  if (state.status !== 'ok') return null;
  const { gates, hidden } = state.data;
  const others = gates.filter((g) => g.home !== project);
  if (others.length === 0 && hidden === 0) return null;
  return (
    <section className="pg-card" aria-labelledby={headingId} data-testid="memberships">
      <h2 id={headingId}>Gates {project} counts toward</h2>
      <ul className="pg-memberships">
        {gates.map((g) => (
          <MembershipRow key={g.home} gate={g} project={project} moduleKey={moduleKey} />
        ))}
      </ul>
      {hidden > 0 && (
        <p className="pg-subtlest" data-testid="memberships-hidden">
          {plural(hidden, 'other gate')} also {hidden === 1 ? 'reads' : 'read'} this project; you cannot
          browse every project {hidden === 1 ? 'it reads' : 'they read'}.
        </p>
      )}
    </section>
  );
}
