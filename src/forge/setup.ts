/**
 * The admin page's setup: create the idea issue type if no type of that name exists, add it to a company-managed
 * project's issue type scheme, and say exactly how to add the validator. Every call runs as the admin, and running it
 * twice changes nothing (each step checks before it acts).
 */
import {
  addIssueTypesToScheme,
  createIssueType,
  getAllIssueTypes,
  getIssueTypeSchemeForProject,
  getIssueTypeSchemeMapping,
  getAppValidatorRules,
  getProjectAs,
  getWorkflowSchemeForProject,
} from '../jira/endpoints';
import { z } from 'zod';
import { DEFAULT_CONFIG } from '../core/config';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import type { SetupResult, SetupStep, ValidatorCheck } from './contract';
import { describeFailure } from './jira';

/** The validator's name in manifest.yml, as admins see it in the workflow editor. */
export const VALIDATOR_NAME = 'Phase Gate: innovation gate';

const Project = z
  .object({
    id: z.string(),
    key: z.string(),
    name: z.string().optional(),
    style: z.string().optional(),
    simplified: z.boolean().optional(),
    issueTypes: z.array(z.object({ id: z.string(), name: z.string() }).passthrough()).optional(),
  })
  .passthrough();

const IssueTypes = z.array(
  z
    .object({
      id: z.string(),
      name: z.string(),
      scope: z.object({ type: z.string().optional() }).passthrough().optional(),
    })
    .passthrough(),
);
const CreatedType = z.object({ id: z.string(), name: z.string() }).passthrough();
const SchemeForProject = z.object({
  values: z.array(
    z
      .object({ issueTypeScheme: z.object({ id: z.string(), name: z.string().optional() }).passthrough() })
      .passthrough(),
  ),
});
const SchemeMapping = z.object({
  values: z.array(
    z.object({ issueTypeSchemeId: z.string().optional(), issueTypeId: z.string() }).passthrough(),
  ),
  isLast: z.boolean().optional(),
});
const WorkflowSchemeForProject = z.object({
  values: z.array(
    z
      .object({
        workflowScheme: z
          .object({
            name: z.string().optional(),
            defaultWorkflow: z.string().optional(),
            issueTypeMappings: z.record(z.string(), z.string()).optional(),
          })
          .passthrough(),
      })
      .passthrough(),
  ),
});

const AppValidatorRules = z.object({
  values: z.array(
    z
      .object({
        workflowId: z.object({ name: z.string(), draft: z.boolean().optional() }).passthrough(),
        validators: z
          .array(
            z
              .object({
                id: z.string(),
                key: z.string(),
                configuration: z.object({ disabled: z.boolean().optional() }).passthrough().optional(),
                transition: z
                  .object({ id: z.union([z.number(), z.string()]), name: z.string() })
                  .passthrough()
                  .optional(),
              })
              .passthrough(),
          )
          .optional(),
      })
      .passthrough(),
  ),
  isLast: z.boolean().optional(),
});

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function isTeamManaged(project: z.infer<typeof Project>): boolean {
  return project.simplified === true || project.style === 'next-gen';
}

/** Whether the scheme already lists the type (paged). */
async function schemeHasType(client: JiraClient, schemeId: string, typeId: string): Promise<boolean> {
  for (let startAt = 0; startAt < 10_000; startAt += 50) {
    const page = await getIssueTypeSchemeMapping(client, schemeId, startAt, 50, SchemeMapping);
    if (page.values.some((v) => v.issueTypeId === typeId)) return true;
    if (page.isLast !== false || page.values.length === 0) return false;
  }
  return false;
}

/**
 * Runs the setup for one project.
 * @param client Jira as the admin.
 * @param onProjectReady Called once the project is known (the caller marks it configured); returns whether that
 *   changed anything.
 */
export async function runSetup(
  client: JiraClient,
  projectKey: string,
  ideaType: string = DEFAULT_CONFIG.ideaType,
  onProjectReady: () => Promise<boolean> = async () => false,
  /** Called with the idea type once it was found or created (its id is stored: the validator compares ids). */
  onIdeaType: (type: { id: string; name: string }) => Promise<void> = async () => undefined,
  /** Jira as the app: only the app itself may read its validators on a workflow (no check without it). */
  asApp?: JiraClient,
): Promise<SetupResult> {
  const steps: SetupStep[] = [];
  let project: z.infer<typeof Project>;
  try {
    project = await getProjectAs(client, projectKey, Project);
  } catch (err) {
    steps.push({
      name: `Find project ${projectKey}`,
      outcome: 'failed',
      detail:
        err instanceof JiraError && err.kind === 'not-found'
          ? `project ${projectKey} was not found, or you cannot browse it`
          : describeFailure(err),
    });
    // Nothing to put the validator on: no steps for a project that was not found (issue #14).
    return { steps, validatorSteps: [], validatorCheck: null };
  }
  const teamManaged = isTeamManaged(project);

  // 1. The issue type, site-wide (team-managed projects' own types have a `scope` and do not count).
  let typeId: string | null = null;
  try {
    const types = IssueTypes.parse(await getAllIssueTypes(client));
    const existing = types.find((t) => !t.scope && same(t.name, ideaType));
    if (existing) {
      typeId = existing.id;
      await onIdeaType({ id: existing.id, name: existing.name });
      steps.push({
        name: `Create the "${ideaType}" issue type`,
        outcome: 'skipped',
        detail: `an issue type named "${existing.name}" already exists (id ${existing.id})`,
      });
    } else {
      const created = await createIssueType(
        client,
        {
          name: ideaType,
          description:
            'A staff idea, kept in To Do by Phase Gate until reliability and on-time delivery are met.',
          hierarchyLevel: 0,
        },
        CreatedType,
      );
      typeId = created.id;
      await onIdeaType({ id: created.id, name: created.name });
      steps.push({
        name: `Create the "${ideaType}" issue type`,
        outcome: 'done',
        detail: `created issue type "${created.name}" (id ${created.id}); Jira adds it to the default issue type scheme`,
      });
    }
  } catch (err) {
    steps.push({
      name: `Create the "${ideaType}" issue type`,
      outcome: 'failed',
      detail: describeFailure(err),
    });
  }

  // 2. The project's issue types.
  const addStep = `Add "${ideaType}" to project ${project.key}`;
  const inProject = (project.issueTypes ?? []).find((t) => same(t.name, ideaType));
  if (inProject) {
    steps.push({
      name: addStep,
      outcome: 'skipped',
      detail: `project ${project.key} already has this issue type`,
    });
  } else if (teamManaged) {
    steps.push({
      name: addStep,
      outcome: 'skipped',
      detail:
        `${project.key} is a team-managed project, whose issue types belong to the project: add it by hand in ` +
        `Project settings → Issue types → Add issue type, named exactly "${ideaType}"`,
    });
  } else if (typeId === null) {
    steps.push({ name: addStep, outcome: 'failed', detail: 'the issue type could not be found or created' });
  } else {
    try {
      const schemes = await getIssueTypeSchemeForProject(client, project.id, SchemeForProject);
      const scheme = schemes.values[0]?.issueTypeScheme;
      if (!scheme) {
        steps.push({
          name: addStep,
          outcome: 'failed',
          detail: `Jira reported no issue type scheme for ${project.key}`,
        });
      } else if (await schemeHasType(client, scheme.id, typeId)) {
        steps.push({
          name: addStep,
          outcome: 'skipped',
          detail: `issue type scheme "${scheme.name ?? scheme.id}" already includes it`,
        });
      } else {
        await addIssueTypesToScheme(client, scheme.id, [typeId]);
        steps.push({
          name: addStep,
          outcome: 'done',
          detail: `added to issue type scheme "${scheme.name ?? scheme.id}"`,
        });
      }
    } catch (err) {
      steps.push({ name: addStep, outcome: 'failed', detail: describeFailure(err) });
    }
  }

  // 3. The project joins the configured list (scheduled recompute, portfolio).
  try {
    const changed = await onProjectReady();
    steps.push({
      name: `Watch project ${project.key}`,
      outcome: changed ? 'done' : 'skipped',
      detail: changed
        ? `Phase Gate now computes the gate of ${project.key} every hour`
        : `Phase Gate already computes the gate of ${project.key}`,
    });
  } catch (err) {
    steps.push({ name: `Watch project ${project.key}`, outcome: 'failed', detail: describeFailure(err) });
  }

  // The workflow the ideas use, to name it in the instructions (optional).
  let workflow: string | null = null;
  if (!teamManaged) {
    try {
      const ws = await getWorkflowSchemeForProject(client, project.id, WorkflowSchemeForProject);
      const scheme = ws.values[0]?.workflowScheme;
      workflow =
        (typeId ? scheme?.issueTypeMappings?.[typeId] : undefined) ?? scheme?.defaultWorkflow ?? null;
    } catch {
      workflow = null;
    }
  }
  const validatorCheck = teamManaged
    ? teamManagedCheck(project.key)
    : asApp
      ? await checkValidator(asApp, workflow ? [workflow] : [])
      : null;
  return {
    steps,
    validatorSteps: validatorSteps(project.key, ideaType, teamManaged, workflow),
    validatorCheck,
  };
}

function teamManagedCheck(projectKey: string): ValidatorCheck {
  return {
    status: 'unknown',
    workflows: [],
    summary: `${projectKey} is team-managed: Jira does not report app validators on its workflows, so Phase Gate cannot check them.`,
  };
}

/**
 * Whether the idea workflows carry the app's validator: Jira lists the validators the calling app has on each
 * workflow's published transitions (`GET /workflow/rule/config`, as the app). The app has one validator module, so
 * any enabled validator of the app on the workflow is it.
 * @example checkValidator(asApp, ['IDEAS: Innovation Idea Workflow'])
 *   // { status: 'on', workflows: [{ name: 'IDEAS: …', carries: true, transitions: ['Start'] }], summary: … }
 */
export async function checkValidator(asApp: JiraClient, names: readonly string[]): Promise<ValidatorCheck> {
  if (names.length === 0) {
    return {
      status: 'unknown',
      workflows: [],
      summary: 'Jira named no workflow for the idea type, so Phase Gate cannot check where the validator is.',
    };
  }
  const workflows: ValidatorCheck['workflows'] = [];
  try {
    for (const name of names) {
      const transitions = new Set<string>();
      for (let startAt = 0; startAt < 1_000; startAt += 50) {
        const page = await getAppValidatorRules(asApp, name, startAt, AppValidatorRules);
        for (const w of page.values) {
          if (w.workflowId.name !== name || w.workflowId.draft) continue;
          for (const v of w.validators ?? []) {
            if (v.configuration?.disabled) continue;
            transitions.add(v.transition?.name ?? `transition ${v.id}`);
          }
        }
        if (page.isLast !== false || page.values.length === 0) break;
      }
      workflows.push({ name, carries: transitions.size > 0, transitions: [...transitions].sort() });
    }
  } catch (err) {
    return {
      status: 'unknown',
      workflows,
      summary: `Phase Gate could not check the idea workflow for its validator: ${describeFailure(err)}.`,
    };
  }
  return {
    status: workflows.every((w) => w.carries) ? 'on' : 'missing',
    workflows,
    summary: validatorSummary(workflows),
  };
}

/**
 * The check in one sentence.
 * @example validatorSummary([{ name: 'A', carries: true, transitions: ['Start'] }, { name: 'B', carries: false, transitions: [] }])
 *   // 'Validator missing on 1 of 2 idea workflows: "B".'
 */
export function validatorSummary(workflows: ValidatorCheck['workflows']): string {
  const missing = workflows.filter((w) => !w.carries);
  if (missing.length === 0) {
    const parts = workflows.map(
      (w) =>
        `"${w.name}" (${w.transitions.length} transition${w.transitions.length === 1 ? '' : 's'}: ${w.transitions.join(', ')})`,
    );
    return workflows.length === 1
      ? `The validator is on the idea workflow ${parts[0]}.`
      : `The validator is on all ${workflows.length} idea workflows: ${parts.join('; ')}.`;
  }
  const names = missing.map((w) => `"${w.name}"`).join(', ');
  return workflows.length === 1
    ? `Validator missing on the idea workflow ${names}: ideas can leave To Do while innovation is locked (they are flagged, not blocked).`
    : `Validator missing on ${missing.length} of ${workflows.length} idea workflows: ${names}.`;
}

/** The exact steps to put the validator on the idea workflow's transitions out of To Do. */
export function validatorSteps(
  projectKey: string,
  ideaType: string,
  teamManaged: boolean,
  workflow: string | null,
): string[] {
  if (teamManaged) {
    return [
      `${projectKey} is team-managed. Where Jira offers app validators in team-managed workflows: open Project settings → Workflows, edit the workflow of "${ideaType}", select each transition out of a To Do status, add the rule "${VALIDATOR_NAME}", and save.`,
      `Where it does not, Phase Gate cannot block the move: it watches ideas instead, and an idea moved out of To Do while innovation is locked gets one comment and the label phase-gate-violation.`,
    ];
  }
  const which = workflow
    ? `the workflow "${workflow}"`
    : `the workflow used by "${ideaType}" in ${projectKey}`;
  return [
    `Open Jira settings → Issues → Workflows (or Project settings → Workflows in ${projectKey}) and edit ${which}.`,
    `Select each transition that leaves a status of the To Do category (for example "To Do → In Progress"); transitions between To Do statuses need nothing.`,
    `On each, open Rules → Add rule → "Validate details" and choose "${VALIDATOR_NAME}" (no configuration needed).`,
    `Publish the workflow. From then on, a locked idea cannot leave To Do; its submitter sees what the organisation must achieve.`,
    `Other issue types that share this workflow are never blocked: the validator passes every issue that is not an idea.`,
  ];
}
