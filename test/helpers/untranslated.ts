/**
 * Finds text that reaches people without the message catalogue (issue #14): in the Custom UI's sources, JSX text
 * with letters, a literal in an attribute people read or hear (`title`, `label`, `aria-label`, `placeholder`, …),
 * and a string literal that reads as prose (two words or more) outside a `t(…)`/`plural(…)` key. A line may opt out
 * with a trailing `// i18n-ignore: why` (a CSS class list, a test id, a Jira path).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** JSX attributes whose value is read or heard by people. */
const SPOKEN = new Set([
  'title',
  'label',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'placeholder',
  'alt',
  'hint',
  'description',
  'caption',
  'summary',
  'heading',
  'message',
  'text',
  'empty',
  'emptyText',
  'legend',
  // A stacked table shows its column's name through CSS `attr(data-label)` at narrow widths.
  'data-label',
]);

const LETTER = /[A-Za-zÄÖÜäöüß]/;
/** Prose: a word of two letters or more, a space, another word. Class lists and keys are caught by NOT_PROSE. */
const PROSE = /[A-Za-z]{2,}[^\n]*\s+[A-Za-z]{2,}/;
/** A token that is an identifier, a class, a path or CSS, not a word. */
const CODE_TOKEN = /^(?:[a-z0-9]+(?:[-_:./][a-z0-9]+)+|[a-z0-9-]+\(.*|[#.][\w-]+|\d[\w.%]*|[a-z]{1,3})$/i;

/** Every space-separated token is code (class lists, CSS, paths): not prose. */
function notProse(text: string): boolean {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .every((token) => CODE_TOKEN.test(token));
}

export interface Finding {
  file: string;
  line: number;
  text: string;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function isKeyArgument(node: ts.Node): boolean {
  const call = node.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node) return false;
  const callee = call.expression;
  const name = ts.isIdentifier(callee)
    ? callee.text
    : ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : '';
  return name === 't' || name === 'plural';
}

function isTypeOrImport(node: ts.Node): boolean {
  for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isTypeNode(p)) return true;
    if (ts.isCallExpression(p) && ts.isIdentifier(p.expression) && p.expression.text === 'import')
      return true;
  }
  return false;
}

/** The untranslated texts of one file. */
export function untranslatedIn(file: string, root: string): Finding[] {
  const source = readFileSync(file, 'utf8');
  const lines = source.split('\n');
  const sf = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
    if (/\/\/ i18n-ignore/.test(lines[line] ?? '')) return;
    found.push({ file: relative(root, file), line: line + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText(sf);
      if (SPOKEN.has(name) && LETTER.test(node.initializer.text))
        report(node, `${name}="${node.initializer.text}"`);
      return;
    } else if (ts.isJsxAttribute(node)) {
      // data-testid, className, role, … : not read by people; their expressions are still visited.
    } else if (
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) &&
      PROSE.test(node.text) &&
      !notProse(node.text) &&
      !isKeyArgument(node) &&
      !isTypeOrImport(node) &&
      !(node.parent && ts.isJsxAttribute(node.parent))
    )
      report(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      const text = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
      if (PROSE.test(text) && !notProse(text)) report(node, node.getText(sf));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** The untranslated texts under a directory. */
export function untranslatedUnder(dir: string, root: string): Finding[] {
  return listFiles(dir).flatMap((f) => untranslatedIn(f, root));
}
