import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RECOMPUTE_QUEUE } from '../../src/forge/queue';
import { VALIDATOR_NAME } from '../../src/forge/setup';
import { createTranslator } from '../../src/core/i18n';

const root = path.resolve(__dirname, '../..');
const manifestPath = path.join(root, 'manifest.yml');
const manifest = parse(fs.readFileSync(manifestPath, 'utf8'));

describe('manifest.yml', () => {
  // Atlassian's validator runs once, on the real build, in `npm test` (scripts/validate-manifest.js).
  test('every function handler exists and is exported', () => {
    for (const fn of manifest.modules.function) {
      const [file, exported] = fn.handler.split('.');
      const mod = require(path.join(root, 'src', file));
      expect(typeof mod[exported]).toBe('function');
    }
  });

  test('names shared with the code agree', () => {
    expect(manifest.modules.consumer[0].queue).toBe(RECOMPUTE_QUEUE);
    // The validator's name is shown by Jira from the catalogue (issue #14); the setup steps name it in English.
    expect(manifest.modules['jira:workflowValidator'][0].name).toEqual({ i18n: 'manifest.validatorName' });
    expect(createTranslator('en-US').t('manifest.validatorName')).toBe(VALIDATOR_NAME);
    expect(manifest.modules['jira:issuePanel'][0].displayConditions).toEqual({
      issueType: 'Innovation Idea',
    });
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect(manifest.app.compatibility).toEqual({ jira: { required: true }, confluence: { required: false } });
  });

  test('asks only for the scopes the app uses, and no egress', () => {
    expect([...manifest.permissions.scopes].sort()).toEqual(
      ['manage:jira-configuration', 'read:jira-work', 'storage:app', 'write:jira-work'].sort(),
    );
    expect(manifest.permissions.external).toBeUndefined();
  });

  test('no UI Kit 1: every UI module renders a Custom UI resource', () => {
    for (const key of [
      'jira:projectPage',
      'jira:projectSettingsPage',
      'jira:issuePanel',
      'jira:adminPage',
      'macro',
    ]) {
      for (const m of manifest.modules[key]) {
        expect(m.resource).toBeDefined();
        expect(m.function).toBeUndefined();
      }
    }
  });
});
