/**
 * Issue #14: no text in the Custom UI reaches people without going through the message catalogue. The finder
 * (test/helpers/untranslated.ts) looks for JSX text, literals in attributes people read or hear, and prose literals
 * outside `t()`/`plural()`; a line marked `// i18n-ignore: <why>` (an icon's name, a CSS value, the CSV export's fixed
 * columns) is left out, with its reason beside it.
 */
import { join } from 'node:path';
import { untranslatedIn, untranslatedUnder } from '../helpers/untranslated';

const ROOT = join(__dirname, '..', '..');
const UI = join(ROOT, 'static', 'src');

describe('text that reaches people goes through the catalogue', () => {
  it('leaves no untranslated text anywhere in static/src', () => {
    expect(untranslatedUnder(UI, ROOT).map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('finds what it is meant to find (the finder can fail)', () => {
    const found = untranslatedIn(join(ROOT, 'test', 'helpers', 'untranslated.fixture.tsx'), ROOT).map(
      (f) => f.text,
    );
    expect(found).toEqual(['Refresh now', 'title="Open in Jira"', 'the gate could not be read']);
  });
});
