/**
 * Projects by id (issue #10) and which gate governs an idea (SPEC §3.0).
 *
 * Storage keys documents by project id; requests name projects by key. `projectRef` turns a key into the project's
 * reference — from a short in-memory cache, else the `alias:KEY` document, else Jira (as the app, once per project:
 * only after the caller's own access to the key was checked) — and notices a key rename: a key whose id already has
 * a reference under another key is the project's new key, and the reference follows it (old keys keep resolving).
 *
 * Governance: the index (storage `ideaIndex`) records, per idea project id, the home of the gate that lists it
 * explicitly in `ideaProjects`; an idea is decided with that gate, else with its own project's gate.
 */
import { z } from 'zod';
import type { JiraClient } from '../jira/client';
import { JiraError } from '../jira/errors';
import { getProjectAs } from '../jira/endpoints';
import { jiraClient } from './jira';
import {
  governingHome,
  migrateKeyedDocs,
  readAlias,
  readIdeaIndex,
  readGate,
  readLegacyGate,
  readProjectRef,
  rememberProject,
  type GateDoc,
  type IdeaIndexDoc,
  type ProjectRef,
} from './storage';

const TTL_MS = 5 * 60_000;
const cache = new Map<string, { ref: ProjectRef; until: number }>();

/** Forgets the cached references (tests). */
export function clearProjectCache(): void {
  cache.clear();
}

const ProjectIdentity = z
  .object({ id: z.string(), key: z.string(), name: z.string().optional() })
  .passthrough();

function cached(key: string, ref: ProjectRef, now: number): ProjectRef {
  if (cache.size > 2000) cache.clear();
  cache.set(key, { ref, until: now + TTL_MS });
  return ref;
}

/**
 * Records what Jira says a project is now (id, key, name): a new key of a known id is a rename, and the project's
 * documents follow it; documents version 1 kept under the key are moved to the id once.
 */
export async function learnProject(
  project: { id: string; key: string; name?: string },
  now: number = Date.now(),
): Promise<ProjectRef & { renamedFrom: string | null }> {
  const { renamedFrom } = await rememberProject({ id: project.id, key: project.key, name: project.name });
  // Documents version 1 kept under the key (or the key it had) move to the id, once.
  await migrateKeyedDocs(project.key, project.id);
  if (renamedFrom) await migrateKeyedDocs(renamedFrom, project.id);
  const ref = (await readProjectRef(project.id)) ?? { id: project.id, key: project.key };
  cached(project.key, ref, now);
  if (renamedFrom) cached(renamedFrom, ref, now); // the old key resolves to the current reference
  return { ...ref, renamedFrom };
}

/**
 * The project that has (or had) `key`, or null when Jira knows no such project. Reads Jira (as the app) only for a
 * key never seen before; callers check the user's access to the key first.
 */
export async function projectRef(
  key: string,
  options: { now?: number; client?: JiraClient } = {},
): Promise<(ProjectRef & { renamedFrom?: string | null }) | null> {
  const now = options.now ?? Date.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.ref;
  const alias = await readAlias(key);
  if (alias) return cached(key, alias, now);
  let project: z.infer<typeof ProjectIdentity>;
  try {
    project = await getProjectAs(options.client ?? jiraClient('app', 'resolver'), key, ProjectIdentity);
  } catch (err) {
    if (err instanceof JiraError && err.kind === 'not-found') return null;
    throw err;
  }
  return learnProject(project, now);
}

/** The gate that decides the ideas of project `ideaProjectId` (SPEC §3.0), and whether it was claimed explicitly. */
export function governing(index: IdeaIndexDoc, ideaProjectId: string): { homeId: string; explicit: boolean } {
  const homeId = governingHome(index, ideaProjectId);
  return { homeId, explicit: homeId !== ideaProjectId || index.ideas[ideaProjectId] !== undefined };
}

/** The ids of the homes whose gates read project `projectId` (its own gate included when `ownIsHome`). */
export function readersOf(index: IdeaIndexDoc, projectId: string, ownIsHome: boolean): string[] {
  return [...new Set([...(ownIsHome ? [projectId] : []), ...(index.sources[projectId] ?? [])])];
}

export { readIdeaIndex };

/** The gate an idea of `project` is decided with (SPEC §3.0), read from storage. */
export interface GoverningGate {
  /** The home's key (the gate's name in messages). */
  home: string;
  homeId: string | null;
  doc: GateDoc | undefined;
  /** True when another project's gate lists the idea's project explicitly. */
  explicit: boolean;
}

/**
 * The gate that governs the ideas of `project`: one read of the index (pass it when already read), then the gate
 * document of the home it names (its reference first, when it is another project).
 */
export async function governingGate(
  project: { id?: string; key: string },
  index?: IdeaIndexDoc,
): Promise<GoverningGate> {
  if (!project.id)
    return { home: project.key, homeId: null, doc: await readLegacyGate(project.key), explicit: false };
  const { homeId, explicit } = governing(index ?? (await readIdeaIndex()), project.id);
  if (homeId === project.id) {
    // Its own gate; one version 1 stored under the key is read until it has been moved (never computed otherwise).
    const doc = (await readGate(homeId)) ?? (await readLegacyGate(project.key));
    return { home: project.key, homeId, doc, explicit };
  }
  const doc = await readGate(homeId);
  // The home that claims the project has no gate document: its gate is unknown, so its ideas stay locked.
  const home = doc?.project ?? (await readProjectRef(homeId))?.key ?? homeId;
  return { home, homeId, doc, explicit: true };
}

/**
 * The ideas among `ideas` that the gate of `home` governs (SPEC §3.0): those of projects it lists explicitly, and
 * those of its own project unless another gate lists it. Unlock notices go only to these.
 */
export async function governedIdeas<T extends { project: string }>(
  home: string,
  ideas: readonly T[],
): Promise<T[]> {
  if (ideas.length === 0) return [];
  const index = await readIdeaIndex();
  const homeRef = await readAlias(home);
  const projects = [...new Set(ideas.map((i) => i.project))];
  const governed = new Set<string>();
  for (const p of projects) {
    const id = p === home ? homeRef?.id : (await readAlias(p))?.id;
    const by = id ? governingHome(index, id) : null;
    // An idea project the app holds no id for was never claimed: its own project's gate governs it.
    if (by === null ? p === home : by === (homeRef?.id ?? null)) governed.add(p);
  }
  return ideas.filter((i) => governed.has(i.project));
}
