#!/usr/bin/env node
/**
 * Validates manifest.yml with Atlassian's own validator (@forge/manifest), fully offline: the FULL validation (schema,
 * modules, handler files, resource directories, scopes, compatibility) and the PRODUCT_TRIGGER validation (each
 * product event's required scopes).
 *
 * Custom UI resources must be built first: the validator refuses a resource directory that is missing, empty or has
 * no index.html. This script checks that first and says so plainly.
 *
 * Usage: node scripts/validate-manifest.js [path/to/manifest.yml]   (exit 0 when valid, 1 otherwise)
 */
'use strict';

const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const manifestPath = path.resolve(process.argv[2] || path.join(root, 'manifest.yml'));
const rel = (p) => path.relative(process.cwd(), p) || '.';

function fail(message) {
  console.error(`manifest: ${message}`);
  process.exit(1);
}

async function main() {
  if (!fs.existsSync(manifestPath)) fail(`${rel(manifestPath)} not found`);

  let manifest;
  try {
    manifest = require('yaml').parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    fail(`${rel(manifestPath)} is not valid YAML: ${err.message}`);
  }

  // Resource directories first: a clear message beats the validator's when the UI was not built.
  const manifestDir = path.dirname(manifestPath);
  const missing = [];
  for (const resource of (manifest && manifest.resources) || []) {
    if (!resource || typeof resource.path !== 'string') continue;
    const dir = path.resolve(manifestDir, resource.path);
    if (!fs.existsSync(path.join(dir, 'index.html'))) missing.push(`${resource.key} → ${resource.path}`);
  }
  if (missing.length) {
    fail(
      `Custom UI not built: no index.html in ${missing.join(', ')}.\n` +
        '  Build the UI first (the Custom UI build writes static/build), then validate again.',
    );
  }

  let forgeManifest;
  try {
    forgeManifest = require('@forge/manifest');
  } catch (err) {
    fail(`cannot load @forge/manifest (${err.message}); run npm ci (it also needs tslib)`);
  }
  const { ProcessorBuilder, ValidationTypes } = forgeManifest;

  const problems = [];
  for (const type of [ValidationTypes.FULL, ValidationTypes.PRODUCT_TRIGGER]) {
    const result = await ProcessorBuilder.instance().withValidation(type).build().process(manifestPath);
    for (const e of result.errors || []) {
      const where =
        e.line !== undefined
          ? `${rel(manifestPath)}:${e.line}${e.column !== undefined ? `:${e.column}` : ''}`
          : rel(manifestPath);
      problems.push({ level: e.level || 'error', text: `${where}: ${e.message}` });
    }
    if (!result.success && !(result.errors || []).length)
      problems.push({ level: 'error', text: `${type} validation failed` });
  }
  const errors = problems.filter((p) => p.level === 'error');
  for (const p of problems) console.error(`${p.level}: ${p.text}`);
  if (errors.length)
    fail(`${errors.length} error${errors.length > 1 ? 's' : ''} (Atlassian's @forge/manifest validator)`);
  console.log(`manifest OK (${rel(manifestPath)}, checked by @forge/manifest ${forgeVersion()})`);
}

function forgeVersion() {
  try {
    const dir = path.dirname(require.resolve('@forge/manifest'));
    return JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')).version;
  } catch {
    return '(version unknown)';
  }
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err)));
