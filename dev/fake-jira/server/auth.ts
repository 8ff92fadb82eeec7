/**
 * Who is calling: basic auth (`email:apiToken`, as with a Jira API token) against the site's users, and in
 * 'header' mode also `X-Fake-Account-Id: <accountId>` (the local Forge preview acts "as user" or "as app" with it).
 */
import type { FakeSite, FakeUser } from '../site';
import { jiraError, type FakeResponse } from './types';

export type AuthMode = 'basic' | 'header';

export const UNAUTHENTICATED = 'Client must be authenticated to access this resource.';

/** The authenticated user, or null for missing or wrong credentials. */
export function authenticate(
  site: FakeSite,
  headers: Record<string, string | undefined>,
  mode: AuthMode,
): FakeUser | null {
  const auth = headers['authorization'];
  if (auth) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return null;
    const email = decoded.slice(0, colon).toLowerCase();
    const token = decoded.slice(colon + 1);
    return (
      site.users.find((u) => u.token !== '' && u.email.toLowerCase() === email && u.token === token) ?? null
    );
  }
  const accountId = headers['x-fake-account-id'];
  if (mode === 'header' && accountId) return site.users.find((u) => u.accountId === accountId.trim()) ?? null;
  return null;
}

/** Jira's 401: a plain-text body. */
export function unauthorized(): FakeResponse {
  return {
    status: 401,
    text: UNAUTHENTICATED,
    headers: { 'www-authenticate': 'Basic realm="protected-area"' },
  };
}

/** Jira's 403 for an endpoint that needs the global "Administer Jira" permission. */
export function adminRequired(): FakeResponse {
  return jiraError(403, [
    'You are not authorised to perform this action. Administrator privileges are required.',
  ]);
}
