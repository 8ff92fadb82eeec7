/** Bad usage or input: exit code 2, with a message that names the problem. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const HELP = `phase-gate — where an IT organisation stands on the road to innovation

Usage:
  phase-gate report --project KEY [--as-of YYYY-MM-DD] [--tz ZONE] [--config FILE] [--format text|json|markdown]
  phase-gate check-idea --issue KEY [--as-of YYYY-MM-DD] [--tz ZONE] [--config FILE] [--format text|json]
  phase-gate --help

Commands:
  report       The phase gate of a project: reliability, on-time delivery, ideas.
  check-idea   Whether an idea is locked, and why (the same decision the workflow validator makes).

Options:
  --project KEY    Jira project key, e.g. OPS
  --issue KEY      Jira issue key, e.g. OPS-123
  --as-of DATE     Compute as of the end of this calendar date (default: today in the time zone)
  --tz ZONE        IANA time zone, e.g. Europe/Paris (overrides timeZone in the config)
  --config FILE    JSON configuration (see docs/metrics.md); missing keys take the defaults
  --format F       text (default), json or markdown

Jira:
  With JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN set, reads that Jira Cloud site (basic auth, API token).
  Without them, reads the built-in demo site (projects OPS, PMO, DIG, LAB).

Exit codes: 0 report printed; 1 Jira could not be read; 2 bad usage or input.
`;
