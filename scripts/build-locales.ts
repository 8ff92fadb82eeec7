/**
 * `npm run build:locales`: writes the message catalogue (src/core/i18n/catalogue) as Forge's translation files,
 * `locales/en-US.json` and `locales/de-DE.json`, the files manifest.yml's `translations` names. Forge shows the
 * module titles from them; the app reads the catalogue itself. `--check` only compares (exit 1 when out of date).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { catalogueFor, LOCALES } from '../src/core/i18n';

const dir = resolve(__dirname, '..', 'locales');
const check = process.argv.includes('--check');
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const locale of LOCALES) {
  const file = join(dir, `${locale}.json`);
  const text = `${JSON.stringify(catalogueFor(locale === 'de-DE' ? 'de' : 'en'), null, 2)}\n`;
  let old: string;
  try {
    old = readFileSync(file, 'utf8');
  } catch {
    old = '';
  }
  if (old === text) continue;
  if (check) {
    console.error(`locales: ${file} is out of date; run npm run build:locales`);
    stale++;
  } else writeFileSync(file, text);
}
process.exit(stale ? 1 : 0);
