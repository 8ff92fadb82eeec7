/**
 * Jira clients over the Forge transport, with retry budgets that fit each kind of invocation: a resolver answers
 * within 25 s, a product event trigger within 25 s, a workflow validator should answer in a few seconds, a queue
 * consumer may take minutes.
 */
import { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { createForgeTransport, ForgeConsentError, type ForgeMode } from '../jira/forgeTransport';
import type { RetryPolicy } from '../jira/retry';
import { meteredTransport } from './pointsBudget';

export type Budget = 'resolver' | 'validator' | 'trigger' | 'background';

const POLICIES: Record<Budget, Partial<RetryPolicy>> = {
  // Resolvers: 25 s in all, so a request is retried briefly and the whole call stops at its deadline.
  resolver: {
    maxAttempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 3000,
    totalBudgetMs: 12_000,
    requestTimeoutMs: 10_000,
  },
  // The validator blocks a person's transition: one quick retry at most.
  validator: {
    maxAttempts: 2,
    baseDelayMs: 200,
    maxDelayMs: 500,
    totalBudgetMs: 4000,
    requestTimeoutMs: 3000,
  },
  // Product event triggers (issue events) have 25 s like a resolver, and no one waits on them: a few short retries,
  // and the whole invocation stops at TRIGGER_DEADLINE_MS (issue #12: they had the consumer's 90 s budget).
  trigger: {
    maxAttempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4000,
    totalBudgetMs: 12_000,
    requestTimeoutMs: 8000,
  },
  // Consumers run up to the function's timeoutSeconds: the client's defaults (5 attempts, 90 s per request).
  background: {},
};

/** Time a resolver keeps for itself after a synchronous computation (answering, storing). */
export const RESOLVER_DEADLINE_MS = 20_000;

/**
 * A product event trigger's Jira requests stop this long after it started (the platform's limit is 25 s; the rest is
 * kept to flush the points spent and return).
 */
export const TRIGGER_DEADLINE_MS = 20_000;

export function jiraClient(mode: ForgeMode, budget: Budget, deadline?: number): JiraClient {
  // Every answer is counted against the installation's points budget (pointsBudget.ts).
  const transport = meteredTransport(createForgeTransport(mode, deadline === undefined ? {} : { deadline }));
  return new JiraClient(transport, {
    retry: POLICIES[budget],
    maxConcurrency: budget === 'background' ? 4 : 6,
    ...(deadline === undefined ? {} : { deadline }),
  });
}

/** The platform's consent error must reach the platform untouched; everything else is ours to word. */
export function rethrowConsent(err: unknown): void {
  if (err instanceof ForgeConsentError) throw err.original;
}

/** A one-line reason for a failure, for people. */
export function describeFailure(err: unknown): string {
  if (err instanceof JiraError) return err.message;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
