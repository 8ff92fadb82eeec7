/**
 * What the preview needs from manifest.yml: the module key of each surface and the folder of each resource. Read with
 * a few patterns over the app's own manifest (no YAML dependency); `@forge/manifest` validates the file for real.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface PreviewManifest {
  /** Module type (`jira:projectPage`, `macro`, …) → the keys declared under it, in order. */
  modules: Record<string, string[]>;
  /** Resource key → folder, relative to the repository root. */
  resources: Record<string, string>;
  /** The macro's config resource (`config: { resource: … }`), if it has one. */
  macroConfigResource: string | null;
}

/** Parses the subset of manifest.yml the preview uses. */
export function parseManifest(text: string): PreviewManifest {
  const modules: Record<string, string[]> = {};
  const resources: Record<string, string> = {};
  let macroConfigResource: string | null = null;
  let section: 'modules' | 'resources' | 'other' = 'other';
  let moduleType: string | null = null;
  let resourceKey: string | null = null;
  let inMacroConfig = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s+#.*$/, '');
    if (/^\S/.test(line)) {
      section = line.startsWith('modules:')
        ? 'modules'
        : line.startsWith('resources:')
          ? 'resources'
          : 'other';
      moduleType = null;
      continue;
    }
    if (section === 'modules') {
      const type = /^ {2}([\w:-]+):\s*$/.exec(line);
      if (type) {
        moduleType = type[1]!;
        modules[moduleType] ??= [];
        inMacroConfig = false;
        continue;
      }
      const key = /^ {4}- key:\s*['"]?([\w-]+)['"]?\s*$/.exec(line);
      if (key && moduleType) {
        modules[moduleType]!.push(key[1]!);
        inMacroConfig = false;
        continue;
      }
      if (moduleType === 'macro') {
        if (/^ {6}config:\s*$/.test(line)) inMacroConfig = true;
        else if (/^ {6}\S/.test(line)) inMacroConfig = false;
        const res = /^ {8}resource:\s*['"]?([\w-]+)['"]?\s*$/.exec(line);
        if (inMacroConfig && res) macroConfigResource = res[1]!;
      }
    } else if (section === 'resources') {
      const key = /^ {2}- key:\s*['"]?([\w-]+)['"]?\s*$/.exec(line);
      if (key) {
        resourceKey = key[1]!;
        continue;
      }
      const path = /^ {4}path:\s*['"]?([^'"\s]+)['"]?\s*$/.exec(line);
      if (path && resourceKey) resources[resourceKey] = path[1]!;
    }
  }
  return { modules, resources, macroConfigResource };
}

export function readManifest(root: string): PreviewManifest {
  return parseManifest(readFileSync(resolve(root, 'manifest.yml'), 'utf8'));
}

/** The first key declared for a module type, or a readable error naming what is missing. */
export function moduleKey(manifest: PreviewManifest, type: string): string {
  const key = manifest.modules[type]?.[0];
  if (!key) throw new Error(`manifest.yml declares no ${type} module`);
  return key;
}
