/**
 * The Custom UI never takes a sentence apart: criteria arrive as data and are worded by src/core/wording.ts. Every
 * regular expression left in static/src is listed here, with what it reads; none of them reads a criterion.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'static', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every regular expression literal and `RegExp(…)` call of a file. */
function regexes(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(node.getText(source));
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp'
    )
      found.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The only regular expressions of the UI, none about criteria. */
const ALLOWED: Record<string, string[]> = {
  // Atlassian account ids, which mean nothing to a reader (who saved a settings version).
  'format.ts': ['/^[0-9a-f]{24}$/i', '/^\\d+:[0-9a-f-]{20,}$/i'],
  // The project key typed on the admin page.
  'surfaces/AdminPage.tsx': ['/^[A-Z][A-Z0-9_]{0,49}$/'],
  // A project key typed in full in the project picker (a key's syntax, not a sentence).
  'components/ProjectPicker.tsx': ['/^[A-Z][A-Z0-9_]{0,49}$/'],
};

describe('no sentence parsing in the UI', () => {
  test('the only regular expressions are the listed ones', () => {
    const actual: Record<string, string[]> = {};
    for (const f of files(SRC)) {
      const found = regexes(f);
      if (found.length) actual[relative(SRC, f).split('\\').join('/')] = found;
    }
    expect(actual).toEqual(ALLOWED);
  });

  test('no helper that took criteria or sentences apart is left, and no v1 criterion field is read', () => {
    const banned = [
      'hintText',
      'tidyNeed',
      'parseTargetNumber',
      'formatTarget',
      'prettyOperators',
      'formatCriterionLabel',
      'gateBlockers',
      '.hint',
      'c.target',
      'view.nextGate',
      'normalizeEvidence',
      'normalizeProjects',
      'normalizeSetup',
      'normalizeRestore',
      'jira:issueContext',
    ];
    const hits: string[] = [];
    for (const f of files(SRC)) {
      const text = readFileSync(f, 'utf8');
      for (const b of banned) if (text.includes(b)) hits.push(`${relative(SRC, f)}: ${b}`);
    }
    expect(hits).toEqual([]);
  });

  test('every surface that shows criteria words them through the wording module', () => {
    for (const f of ['criteria.ts', 'nextGate.ts', 'ladder.ts']) {
      expect(readFileSync(join(SRC, f), 'utf8')).toMatch(/from '\.\.\/\.\.\/src\/core\/wording'/);
    }
  });
});
