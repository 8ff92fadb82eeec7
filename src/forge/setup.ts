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
import { wordsFor, type Words } from '../core/wording';
import type { SetupResult, SetupStep, ValidatorCheck } from './contract';
import { describeFailure } from './jira';

/** The default words of the set-up: English (tests and callers without a viewer's locale). */
const ENGLISH = wordsFor('en-US');

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
  /** The admin's words (the resolver passes the context's locale); English by default. */
  words: Words = ENGLISH,
): Promise<SetupResult> {
  const { t } = words.translator;
  const steps: SetupStep[] = [];
  let project: z.infer<typeof Project>;
  try {
    project = await getProjectAs(client, projectKey, Project);
  } catch (err) {
    steps.push({
      name: t('admin.setup.findProject', { project: projectKey }),
      outcome: 'failed',
      detail:
        err instanceof JiraError && err.kind === 'not-found'
          ? t('admin.setup.projectNotFound', { project: projectKey })
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
        name: t('admin.setup.createType', { type: ideaType }),
        outcome: 'skipped',
        detail: t('admin.setup.typeExists', { name: existing.name, id: existing.id }),
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
        name: t('admin.setup.createType', { type: ideaType }),
        outcome: 'done',
        detail: t('admin.setup.typeCreated', { name: created.name, id: created.id }),
      });
    }
  } catch (err) {
    steps.push({
      name: t('admin.setup.createType', { type: ideaType }),
      outcome: 'failed',
      detail: describeFailure(err),
    });
  }

  // 2. The project's issue types.
  const addStep = t('admin.setup.addType', { type: ideaType, project: project.key });
  const inProject = (project.issueTypes ?? []).find((t) => same(t.name, ideaType));
  if (inProject) {
    steps.push({
      name: addStep,
      outcome: 'skipped',
      detail: t('admin.setup.projectHasType', { project: project.key }),
    });
  } else if (teamManaged) {
    steps.push({
      name: addStep,
      outcome: 'skipped',
      detail: t('admin.setup.teamManagedAdd', { project: project.key, type: ideaType }),
    });
  } else if (typeId === null) {
    steps.push({ name: addStep, outcome: 'failed', detail: t('admin.setup.typeMissing') });
  } else {
    try {
      const schemes = await getIssueTypeSchemeForProject(client, project.id, SchemeForProject);
      const scheme = schemes.values[0]?.issueTypeScheme;
      if (!scheme) {
        steps.push({
          name: addStep,
          outcome: 'failed',
          detail: t('admin.setup.noScheme', { project: project.key }),
        });
      } else if (await schemeHasType(client, scheme.id, typeId)) {
        steps.push({
          name: addStep,
          outcome: 'skipped',
          detail: t('admin.setup.schemeHasType', { scheme: scheme.name ?? scheme.id }),
        });
      } else {
        await addIssueTypesToScheme(client, scheme.id, [typeId]);
        steps.push({
          name: addStep,
          outcome: 'done',
          detail: t('admin.setup.addedToScheme', { scheme: scheme.name ?? scheme.id }),
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
      name: t('admin.setup.watch', { project: project.key }),
      outcome: changed ? 'done' : 'skipped',
      detail: changed
        ? t('admin.setup.watching', { project: project.key })
        : t('admin.setup.alreadyWatching', { project: project.key }),
    });
  } catch (err) {
    steps.push({
      name: t('admin.setup.watch', { project: project.key }),
      outcome: 'failed',
      detail: describeFailure(err),
    });
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
    ? teamManagedCheck(project.key, words)
    : asApp
      ? await checkValidator(asApp, workflow ? [workflow] : [], words)
      : null;
  return {
    steps,
    validatorSteps: validatorSteps(project.key, ideaType, teamManaged, workflow, words),
    validatorCheck,
  };
}

function teamManagedCheck(projectKey: string, words: Words): ValidatorCheck {
  return {
    status: 'unknown',
    workflows: [],
    summary: words.translator.t('admin.setup.checkTeamManaged', { project: projectKey }),
  };
}

/**
 * Whether the idea workflows carry the app's validator: Jira lists the validators the calling app has on each
 * workflow's published transitions (`GET /workflow/rule/config`, as the app). The app has one validator module, so
 * any enabled validator of the app on the workflow is it.
 * @example checkValidator(asApp, ['IDEAS: Innovation Idea Workflow'])
 *   // { status: 'on', workflows: [{ name: 'IDEAS: …', carries: true, transitions: ['Start'] }], summary: … }
 */
export async function checkValidator(
  asApp: JiraClient,
  names: readonly string[],
  words: Words = ENGLISH,
): Promise<ValidatorCheck> {
  const { t } = words.translator;
  if (names.length === 0) {
    return { status: 'unknown', workflows: [], summary: t('admin.setup.checkNoWorkflow') };
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
            transitions.add(v.transition?.name ?? t('admin.setup.transition', { id: v.id }));
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
      summary: t('admin.setup.checkFailed', { error: describeFailure(err) }),
    };
  }
  return {
    status: workflows.every((w) => w.carries) ? 'on' : 'missing',
    workflows,
    summary: validatorSummary(workflows, words),
  };
}

/**
 * The check in one sentence.
 * @example validatorSummary([{ name: 'A', carries: true, transitions: ['Start'] }, { name: 'B', carries: false, transitions: [] }])
 *   // 'Validator missing on 1 of 2 idea workflows: "B".'
 */
export function validatorSummary(workflows: ValidatorCheck['workflows'], words: Words = ENGLISH): string {
  const { t, plural } = words.translator;
  const missing = workflows.filter((w) => !w.carries);
  if (missing.length === 0) {
    const parts = workflows.map((w) =>
      t('admin.setup.workflowWithTransitions', {
        name: w.name,
        transitions: plural('admin.setup.transitions', w.transitions.length),
        list: w.transitions.join(', '),
      }),
    );
    return workflows.length === 1
      ? t('admin.setup.onOne', { workflow: parts[0]! })
      : t('admin.setup.onAll', { n: workflows.length, list: parts.join('; ') });
  }
  const names = missing.map((w) => t('admin.setup.quoted', { name: w.name })).join(', ');
  return workflows.length === 1
    ? t('admin.setup.missingOne', { names })
    : t('admin.setup.missingSome', { missing: missing.length, n: workflows.length, names });
}

/** The exact steps to put the validator on the idea workflow's transitions out of To Do. */
export function validatorSteps(
  projectKey: string,
  ideaType: string,
  teamManaged: boolean,
  workflow: string | null,
  words: Words = ENGLISH,
): string[] {
  const { t } = words.translator;
  // The validator's name as the admin sees it in the workflow editor (manifest.yml's i18n key, their language).
  const validator = t('manifest.validatorName');
  if (teamManaged) {
    return [
      t('admin.setup.teamManaged1', { project: projectKey, type: ideaType, validator }),
      t('admin.setup.teamManaged2', { label: 'phase-gate-violation' }),
    ];
  }
  const which = workflow
    ? t('admin.setup.theWorkflow', { workflow })
    : t('admin.setup.theWorkflowOf', { type: ideaType, project: projectKey });
  return [
    t('admin.setup.step1', { project: projectKey, which }),
    t('admin.setup.step2'),
    t('admin.setup.step3', { validator }),
    t('admin.setup.step4'),
    t('admin.setup.step5'),
  ];
}
