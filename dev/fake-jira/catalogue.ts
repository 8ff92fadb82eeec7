/**
 * The workflow statuses and issue types every generated site shares: a software workflow, an incident workflow and
 * an idea workflow with one status per category, so that ideas can be waiting, in progress or done.
 */
import { addStatus, type FakeSite } from './site';

export const STATUS = {
  toDo: 'To Do',
  inProgress: 'In Progress',
  inReview: 'In Review',
  done: 'Done',
  open: 'Open',
  investigating: 'Investigating',
  resolved: 'Resolved',
  closed: 'Closed',
  ideaSubmitted: 'Idea submitted',
  evaluating: 'Evaluating',
  adopted: 'Adopted',
  rejected: 'Rejected',
} as const;

export const TYPE = {
  epic: 'Epic',
  story: 'Story',
  task: 'Task',
  bug: 'Bug',
  incident: 'Incident',
  serviceRequest: 'Service Request',
  idea: 'Innovation Idea',
  subtask: 'Sub-task',
} as const;

const IDEA_DESCRIPTION =
  'A staff idea for improving how IT works. Unlocked once systems are reliable and delivery is on time.';

/** Issue type specs for a company-managed software project. */
export const SOFTWARE_TYPES = [
  { name: TYPE.epic, hierarchyLevel: 1, description: 'A big user story that needs to be broken down.' },
  { name: TYPE.story, description: 'A user story.' },
  { name: TYPE.task, description: 'A small, distinct piece of work.' },
  { name: TYPE.bug, description: 'A problem or error.' },
  { name: TYPE.incident, description: 'An unplanned interruption to an IT service.' },
  { name: TYPE.idea, description: IDEA_DESCRIPTION },
  {
    name: TYPE.subtask,
    hierarchyLevel: -1,
    description: 'A small piece of work that is part of a larger task.',
  },
];

/** Issue type specs for a service project. */
export const SERVICE_TYPES = [
  { name: TYPE.incident, description: 'An unplanned interruption to an IT service.' },
  { name: TYPE.serviceRequest, description: 'A request for help or information.' },
  { name: TYPE.task, description: 'A small, distinct piece of work.' },
  { name: TYPE.epic, hierarchyLevel: 1, description: 'A large piece of work.' },
  { name: TYPE.idea, description: IDEA_DESCRIPTION },
  {
    name: TYPE.subtask,
    hierarchyLevel: -1,
    description: 'A small piece of work that is part of a larger task.',
  },
];

/** Adds the shared statuses to a site. */
export function addStandardStatuses(site: FakeSite): void {
  addStatus(site, STATUS.toDo, 'new');
  addStatus(site, STATUS.inProgress, 'indeterminate');
  addStatus(site, STATUS.inReview, 'indeterminate');
  addStatus(site, STATUS.done, 'done');
  addStatus(site, STATUS.open, 'new');
  addStatus(site, STATUS.investigating, 'indeterminate');
  addStatus(site, STATUS.resolved, 'done');
  addStatus(site, STATUS.closed, 'done');
  addStatus(site, STATUS.ideaSubmitted, 'new');
  addStatus(site, STATUS.evaluating, 'indeterminate');
  addStatus(site, STATUS.adopted, 'done');
  addStatus(site, STATUS.rejected, 'done');
}

/** Offsets the generated datetimes are written in (the instants are unaffected). */
export const OFFSETS = ['+0000', '+0530', '-0500', '+1000', '+0100'] as const;
