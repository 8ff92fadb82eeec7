/**
 * A resolver call the way the Forge runtime makes it: `handler({ call, context }, backendRuntimePayload)` inside one
 * platform invocation, so that `asUser()` acts for the principal and the call's storage and Jira requests are counted
 * on it. The preview, the Forge tests and the benchmark all call resolvers through this.
 *
 * The `context` is what the browser's bridge sends (untrusted: tests put forged claims in it); the principal, the
 * install context and the license come from the runtime's own payload, as in Forge.
 */
import { newInvocation, runInvocation, type Invocation } from './egress';

/** The resolver handler `@forge/resolver`'s `getDefinitions()` builds. */
export type ResolverHandler = (
  request: {
    call: { functionKey: string; payload: Record<string, unknown> };
    context: Record<string, unknown>;
  },
  runtime: Record<string, unknown>,
) => Promise<unknown>;

export interface ResolverCall {
  functionKey: string;
  payload?: unknown;
  /** The client's context (extension, accountType, …) as the bridge sends it. */
  context: Record<string, unknown>;
  /** The invocation's principal; null for an anonymous call. */
  accountId: string | null;
  installContext: string;
}

/**
 * Calls `handler` as the runtime does.
 * @example
 *   await invokeResolver(handler, { functionKey: 'getGate', context: { extension }, accountId: 'u-1', installContext });
 */
export function invokeResolver(
  handler: ResolverHandler,
  call: ResolverCall,
  invocation: Invocation = newInvocation('resolver', call.accountId),
): Promise<unknown> {
  const runtime = call.accountId
    ? {
        principal: { accountId: call.accountId },
        installContext: call.installContext,
        license: { isActive: true },
      }
    : { installContext: call.installContext };
  return runInvocation(invocation, () =>
    handler(
      {
        call: { functionKey: call.functionKey, payload: (call.payload ?? {}) as Record<string, unknown> },
        context: call.context,
      },
      runtime,
    ),
  );
}
