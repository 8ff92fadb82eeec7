/**
 * Small shared pieces: icons, banners, lozenges, loading / empty / error states, issue links.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { openIssue } from '../bridge';
import type { ApiError } from '../api';
import { sentence } from '../format';
import { errorMessage, isRetryable } from '../errors';
import { useI18n, type I18n } from '../i18n';
import type { Key } from '../../../src/core/i18n';

type IconName =
  | 'check'
  | 'cross'
  | 'dash'
  | 'warning'
  | 'error'
  | 'info'
  | 'lock'
  | 'unlock'
  | 'refresh'
  | 'chevron'
  | 'spinner'
  | 'success';

const PATHS: Record<Exclude<IconName, 'spinner'>, ReactNode> = {
  check: <path d="M6.6 11.2 3.4 8l-1.1 1.1 4.3 4.3 7.1-7.1-1.1-1.1z" fill="currentColor" />,
  cross: (
    <path
      d="M8 6.9 4.6 3.5 3.5 4.6 6.9 8l-3.4 3.4 1.1 1.1L8 9.1l3.4 3.4 1.1-1.1L9.1 8l3.4-3.4-1.1-1.1z"
      fill="currentColor"
    />
  ),
  dash: <rect x="3" y="7.25" width="10" height="1.5" rx="0.75" fill="currentColor" />,
  warning: (
    <path
      d="M8.9 1.9a1 1 0 0 0-1.8 0L.6 13.6A1 1 0 0 0 1.5 15h13a1 1 0 0 0 .9-1.4zM8.75 12.5h-1.5V11h1.5zm0-2.75h-1.5V5.5h1.5z"
      fill="currentColor"
    />
  ),
  error: (
    <path d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1m.75 10.5h-1.5V10h1.5zm0-3h-1.5v-4h1.5z" fill="currentColor" />
  ),
  info: (
    <path
      d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1m.75 10.5h-1.5v-4h1.5zm0-5.5h-1.5V4.5h1.5z"
      fill="currentColor"
    />
  ),
  success: (
    <path
      d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1M7 11.06 4 8.06 5.06 7 7 8.94 10.94 5 12 6.06z"
      fill="currentColor"
    />
  ),
  lock: (
    <path
      d="M12 7V5a4 4 0 0 0-8 0v2a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1M5.5 5a2.5 2.5 0 0 1 5 0v2h-5zm3.25 6.75h-1.5v-2.5h1.5z"
      fill="currentColor"
    />
  ),
  unlock: (
    <path
      d="M12 7H5.5V5a2.5 2.5 0 0 1 4.9-.7l1.45-.4A4 4 0 0 0 4 5v2a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1m-3.25 4.75h-1.5v-2.5h1.5z"
      fill="currentColor"
    />
  ),
  refresh: (
    <path
      d="M13 3v3.5a.5.5 0 0 1-.5.5H9V5.5h1.9A4.5 4.5 0 1 0 12.4 9H14a6 6 0 1 1-2-4.5V3z"
      fill="currentColor"
    />
  ),
  chevron: <path d="M6 3.5 10.5 8 6 12.5 4.95 11.45 8.4 8 4.95 4.55z" fill="currentColor" />,
};

/** A decorative 16px icon (hidden from screen readers; the text next to it says the same). */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  if (name === 'spinner') {
    return (
      <svg
        className={`pg-icon pg-spin ${className ?? ''}`}
        viewBox="0 0 16 16"
        aria-hidden="true"
        focusable="false"
      >
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
        <path
          d="M8 2a6 6 0 0 1 6 6"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      </svg>
    );
  }
  return (
    <svg className={`pg-icon ${className ?? ''}`} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}

export type Tone = 'info' | 'warning' | 'error' | 'success';

const BANNER_ICON: Record<Tone, IconName> = {
  info: 'info',
  warning: 'warning',
  error: 'error',
  success: 'success',
};

/** A section message. Errors are announced (role="alert"); the others are plain regions unless `announce`. */
export function Banner({
  tone,
  title,
  children,
  testId,
  action,
  announce = false,
}: {
  tone: Tone;
  title?: string;
  children?: ReactNode;
  testId?: string;
  action?: ReactNode;
  /** Announce a non-error banner politely (role="status"). */
  announce?: boolean;
}) {
  return (
    <div
      className={`pg-banner pg-banner--${tone}`} // i18n-ignore: CSS classes
      role={tone === 'error' ? 'alert' : announce ? 'status' : undefined}
      data-testid={testId}
    >
      <span className="pg-banner__icon">
        <Icon name={BANNER_ICON[tone]} />
      </span>
      <div className="pg-banner__body">
        {title && (
          <p className="pg-banner__title">
            <strong>{title}</strong>
          </p>
        )}
        {children}
        {action && <div className="pg-row">{action}</div>}
      </div>
    </div>
  );
}

export type LozengeTone = 'default' | 'success' | 'danger' | 'warning' | 'information' | 'discovery';

export function Lozenge({ tone = 'default', children }: { tone?: LozengeTone; children: ReactNode }) {
  const className = `pg-lozenge pg-lozenge--${tone}`; // i18n-ignore: CSS classes
  return <span className={className}>{children}</span>;
}

/** A loading state, announced politely (unless the page announces it through its own live region). */
export function Loading({ label, quiet = false }: { label: string; quiet?: boolean }) {
  return (
    <div
      className="pg-loading"
      role={quiet ? undefined : 'status'}
      aria-live={quiet ? undefined : 'polite'}
      data-testid="loading"
    >
      <Icon name={'spinner'} />
      <span>{label}</span>
    </div>
  );
}

const CODE_TITLES: Record<ApiError['code'], Key> = {
  forbidden: 'ui.errorForbidden',
  'bad-request': 'ui.errorBadRequest',
  'not-found': 'ui.errorNotFound',
  jira: 'ui.errorJira',
  'not-configured': 'ui.errorNotConfigured',
  busy: 'ui.errorBusy',
  unavailable: 'ui.errorUnavailable',
};

/** The title of an error's message, in the viewer's words (English by default). */
export function errorTitle(error: ApiError, i18n: I18n): string {
  return i18n.t(CODE_TITLES[error.code] ?? 'ui.errorGeneric');
}

/**
 * A resolver error with a retry when one can help: transient errors (`jira`, `busy`, an unreachable app) offer "Try
 * again"; a refusal (`forbidden`) or a request that cannot change does not. `busy` is a passing state, shown as a
 * warning rather than a failure.
 */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: ApiError;
  onRetry?: () => void;
  title?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const transient = error.code === 'busy';
  return (
    <Banner
      tone={transient ? 'warning' : 'error'}
      announce={transient}
      title={title ?? errorTitle(error, i18n)}
      testId="error-state"
      action={
        onRetry &&
        isRetryable(error) && (
          <button type="button" className="pg-button" onClick={onRetry}>
            {t('ui.tryAgain')}
          </button>
        )
      }
    >
      <p>{sentence(errorMessage(error, i18n.w))}</p>
      {error.code === 'forbidden' && <p className="pg-subtle">{t('ui.askForAccess')}</p>}
    </Banner>
  );
}

/** An empty state: a heading, a sentence, maybe an action. */
export function EmptyState({
  title,
  children,
  testId,
  headingLevel = 2,
}: {
  title: string;
  children?: ReactNode;
  testId?: string;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="pg-empty" data-testid={testId}>
      <svg className="pg-empty__art" viewBox="0 0 72 72" aria-hidden="true" focusable="false">
        <rect x="8" y="44" width="16" height="20" rx="3" fill="currentColor" opacity="0.35" />
        <rect x="28" y="30" width="16" height="34" rx="3" fill="currentColor" opacity="0.55" />
        <rect x="48" y="14" width="16" height="50" rx="3" fill="currentColor" opacity="0.8" />
      </svg>
      <Heading>{title}</Heading>
      {children}
    </div>
  );
}

/** An issue key that opens the issue (plain links do not work in Forge's sandboxed iframe). */
export function IssueLink({ issueKey }: { issueKey: string }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="pg-link"
      onClick={() => void openIssue(issueKey)}
      title={t('ui.openIssue', { key: issueKey })}
      data-testid={`issue-link-${issueKey}`}
    >
      {issueKey}
    </button>
  );
}

/** The current time, updated every `everyMs` (for "computed N minutes ago"). */
export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(id);
  }, [everyMs]);
  return now;
}

/** A visually hidden polite live region for status messages (loading, refresh, saved). */
export function LiveRegion({ message, testId = 'live-status' }: { message: string; testId?: string }) {
  return (
    <p className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid={testId}>
      {message}
    </p>
  );
}
