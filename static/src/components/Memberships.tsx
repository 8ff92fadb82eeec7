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
import { useI18n } from '../i18n';
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
  const i18n = useI18n();
  const { t, w } = i18n;
  const own = gate.home === project;
  const phaseName =
    gate.phase === 1 || gate.phase === 2 || gate.phase === 3
      ? w.phaseName(gate.phase)
      : (gate.phaseName ?? '');
  return (
    <li className="pg-membership" data-testid={`membership-${gate.home}`} data-phase={gate.phase ?? ''}>
      <span className="pg-membership__name">
        <strong>{gate.name}</strong>{' '}
        <span className="pg-subtle">
          {t('settings.memberships.counts', {
            where: own ? t('settings.memberships.own') : t('settings.memberships.home', { home: gate.home }),
            roles: rolesText(gate.roles, i18n.w),
          })}
        </span>
      </span>
      <span className="pg-membership__meta">
        {gate.phase === null ? (
          <Lozenge>{t('settings.memberships.notComputed')}</Lozenge>
        ) : (
          <Lozenge tone={gate.innovationUnlocked ? 'success' : gate.phase === 1 ? 'danger' : 'warning'}>
            {t('settings.memberships.phase', { phase: gate.phase, name: phaseName })}
          </Lozenge>
        )}
        {!own && (
          <button
            type="button"
            className="pg-link"
            onClick={() => void openGatePage(gate.home, moduleKey)}
            data-testid={`membership-open-${gate.home}`}
          >
            {t('settings.memberships.open', { name: gate.name })}
          </button>
        )}
      </span>
    </li>
  );
}

export function Memberships({ project, moduleKey }: { project: string; moduleKey: string }) {
  const { t, plural } = useI18n();
  const { state } = useApi(api.getMemberships);
  const headingId = useId();
  // Only the project's own gate: nothing more to say than the page already does.
  if (state.status !== 'ok') return null;
  const { gates, hidden } = state.data;
  const others = gates.filter((g) => g.home !== project);
  if (others.length === 0 && hidden === 0) return null;
  return (
    <section className="pg-card" aria-labelledby={headingId} data-testid="memberships">
      <h2 id={headingId}>{t('settings.memberships.heading', { project })}</h2>
      <ul className="pg-memberships">
        {gates.map((g) => (
          <MembershipRow key={g.home} gate={g} project={project} moduleKey={moduleKey} />
        ))}
      </ul>
      {hidden > 0 && (
        <p className="pg-subtlest" data-testid="memberships-hidden">
          {plural('settings.memberships.hidden', hidden)}
        </p>
      )}
    </section>
  );
}
