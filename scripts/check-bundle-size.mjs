#!/usr/bin/env node
/**
 * Fails (exit 1) when a built Custom UI script is larger than the budget once gzipped.
 *
 *   node scripts/check-bundle-size.mjs [buildDir] [--limit-kb N]
 *
 * Defaults: static/build, 200 KB (gzip level 9, the size a browser downloads). Prints every .js file with its raw and
 * gzipped size, largest first. Exit 2 when there is nothing to check (no build yet).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
let limitKb = 200;
let dir = 'static/build';
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--limit-kb') {
    limitKb = Number(args[++i]);
    if (!Number.isFinite(limitKb) || limitKb <= 0) {
      console.error('check-bundle-size: --limit-kb needs a positive number');
      process.exit(2);
    }
  } else if (a === '--help' || a === '-h') {
    console.log('usage: node scripts/check-bundle-size.mjs [buildDir] [--limit-kb N]');
    process.exit(0);
  } else {
    dir = a;
  }
}

const root = resolve(dir);
const limit = limitKb * 1024;

/** Every .js file under `d`. */
function walk(d) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(d);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (name.endsWith('.js') || name.endsWith('.mjs')) out.push(p);
  }
  return out;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const files = walk(root).map((p) => {
  const raw = readFileSync(p);
  return { path: relative(process.cwd(), p), raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
});

if (files.length === 0) {
  console.error(
    `check-bundle-size: no .js files under ${relative(process.cwd(), root) || '.'} (build the UI first)`,
  );
  process.exit(2);
}

files.sort((a, b) => b.gzip - a.gzip);
const width = Math.max(...files.map((f) => f.path.length));
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
for (const f of files) {
  const flag = f.gzip > limit ? '  <-- over budget' : '';
  console.log(`${f.path.padEnd(width)}  ${kb(f.raw).padStart(10)}  ${kb(f.gzip).padStart(10)}${flag}`);
}

const over = files.filter((f) => f.gzip > limit);
const largest = files[0];
if (over.length > 0) {
  console.error(
    `check-bundle-size: ${over.length} script(s) above ${limitKb} KB gzipped (largest ${kb(largest.gzip)})`,
  );
  process.exit(1);
}
console.log(`check-bundle-size: OK, largest script ${kb(largest.gzip)} gzipped (budget ${limitKb} KB)`);
