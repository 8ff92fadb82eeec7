/**
 * The one message catalogue: every namespace, in every shipped language. `npm run build:locales` writes it as
 * Forge's translation files (`locales/en-US.json`, `locales/de-DE.json`, named by manifest.yml's `translations`).
 * A namespace is registered here once; its file holds English and German side by side.
 */
import { admin } from './admin';
import { common } from './common';
import { format } from './format';
import { idea } from './idea';
import { macro } from './macro';
import { manifest } from './manifest';
import { project } from './project';
import { settings } from './settings';
import { ui } from './ui';
import { wording } from './wording';

export const NAMESPACES = {
  admin,
  common,
  format,
  idea,
  macro,
  manifest,
  project,
  settings,
  ui,
  wording,
} as const;

type Namespaces = typeof NAMESPACES;

/** The English catalogue's shape: the source of every key. */
export type Catalogue = { readonly [N in keyof Namespaces]: Namespaces[N]['en'] };
