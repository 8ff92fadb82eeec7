/**
 * A generated project enrolled as a project admin's settings save would leave it — configured, with its gate
 * document — on the emulated Forge of {@link installEmulatedForge}. Import this module only after the platform is
 * installed: it loads the app's storage and project modules, which bind to @forge/kvs and @forge/api when loaded.
 * @example const { site, app, id } = await enrolGenerated(forge, { key: 'SF', issues: 400, years: 2, seed: 1 });
 */
import { generateLargeProject } from '../../dev/bench-data/generate';
import { createFakeJiraApp, type FakeJiraApp } from '../../dev/fake-jira/fakeJira';
import type { FakeSite } from '../../dev/fake-jira/site';
import { parseConfig } from '../../src/core/config';
import { todayIn } from '../../src/core/dates';
import { clearProjectCache, projectRef } from '../../src/forge/projects';
import { ensureGateDoc, markConfigured } from '../../src/forge/storage';
import type { EmulatedForge } from './emulated';

export interface Enrolled {
  site: FakeSite;
  app: FakeJiraApp;
  /** The project's id: its documents are stored under it. */
  id: string;
}

/** Empties the KVS, generates the project (as of today, UTC), serves it and enrols it with the default settings. */
export async function enrolGenerated(
  forge: EmulatedForge,
  project: { key: string; issues: number; years: number; seed: number },
): Promise<Enrolled> {
  forge.kvs.clear();
  // The history ends two hours ago, never in the future (noon of today would be, before 12:00 UTC); edits are
  // stamped now, as Jira would.
  const ended = Date.now() - 2 * 3_600_000;
  const site = generateLargeProject({ ...project, today: todayIn('UTC', ended), now: ended });
  site.now = Date.now();
  const app = createFakeJiraApp({ site, authMode: 'header' });
  forge.jira.app = app;
  clearProjectCache();
  const id = (await projectRef(project.key))!.id;
  await markConfigured(id, 'u-admin', Date.now(), project.key);
  await ensureGateDoc(id, parseConfig({}), project.key);
  return { site, app, id };
}
