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
  phase-gate check-idea --issue KEY [--project HOME] [--as-of YYYY-MM-DD] [--tz ZONE] [--config FILE] [--format text|json]
  phase-gate --help

Commands:
  report       The phase gate whose home is --project: reliability, on-time delivery, ideas. A config with
               incidentProjects / deliveryProjects / ideaProjects reads the gate across those projects.
  check-idea   Whether an idea is locked, and why (the same decision the workflow validator makes), by the gate
               that governs it: the gate of --project HOME (it must list the idea's project in ideaProjects),
               else the gate of the idea's own project.

Options:
  --project KEY    The gate's home project key, e.g. OPS (check-idea: the gate that governs the idea)
  --issue KEY      Jira issue key, e.g. OPS-123
  --as-of DATE     Compute as of the end of this calendar date (default: today in the time zone)
  --tz ZONE        IANA time zone, e.g. Europe/Paris (overrides timeZone in the config)
  --config FILE    JSON configuration (see docs/metrics.md); missing keys take the defaults
  --format F       text (default), json or markdown

Jira:
  With JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN set, reads that Jira Cloud site (basic auth, API token).
  Without them, reads the built-in demo site (the Northwind organisation: ITSM, APP, DATA, INFRA, IDEAS and the
  stand-alone projects OPS, PMO, DIG, LAB; see examples/northwind-it.json for the organisation gate).

Exit codes: 0 report printed; 1 Jira could not be read; 2 bad usage or input.
`;
