import {
  errorFromException,
  isResolverError,
  isRetryable,
  normalizeEvidence,
  normalizeProjects,
  normalizeRestore,
  normalizeSetup,
} from '../../static/src/responses';

describe('resolver answers', () => {
  test('a ResolverError is recognised, data is not', () => {
    expect(isResolverError({ error: { code: 'forbidden', message: 'no' } })).toBe(true);
    expect(isResolverError({ error: 'no' })).toBe(false);
    expect(isResolverError({ project: 'OPS', snapshot: null })).toBe(false);
    expect(isResolverError(null)).toBe(false);
  });

  test('a failed call becomes an "unavailable" error', () => {
    expect(errorFromException(new Error('Unable to establish a connection'))).toEqual({
      code: 'unavailable',
      message: 'Unable to establish a connection',
    });
    expect(errorFromException(undefined).code).toBe('unavailable');
  });

  test('projects: sorted, wrapped lists accepted, junk ignored', () => {
    expect(
      normalizeProjects([
        { key: 'PAY', name: 'Payments' },
        { key: 'OPS', name: 'Operations' },
        { name: 'no key' },
      ]),
    ).toEqual([
      { key: 'OPS', name: 'Operations' },
      { key: 'PAY', name: 'Payments' },
    ]);
    expect(normalizeProjects({ projects: [{ key: 'A' }] })).toEqual([{ key: 'A', name: 'A' }]);
    expect(normalizeProjects('nonsense')).toEqual([]);
  });

  test('evidence: issues kept, missing fields filled', () => {
    expect(normalizeEvidence([{ key: 'OPS-1', summary: 'Down', status: 'Open' }])).toEqual([
      {
        key: 'OPS-1',
        summary: 'Down',
        status: 'Open',
        priority: null,
        created: null,
        resolved: null,
        dueDate: null,
      },
    ]);
    expect(normalizeEvidence({ issues: ['OPS-2'] })[0]?.key).toBe('OPS-2');
  });

  test('setup: unknown outcomes count as failed', () => {
    expect(
      normalizeSetup({
        steps: [
          { name: 'a', outcome: 'done', detail: 'ok' },
          { name: 'b', outcome: 'weird' },
        ],
        validatorSteps: ['x', 3],
      }),
    ).toEqual({
      steps: [
        { name: 'a', outcome: 'done', detail: 'ok' },
        { name: 'b', outcome: 'failed', detail: '' },
      ],
      validatorSteps: ['x'],
    });
  });

  test('restore: a save result, a bare settings view, or nothing usable', () => {
    const settings = { project: 'OPS', config: {}, versions: [], canAdminister: true };
    expect(normalizeRestore({ ok: true, settings })).toEqual({ ok: true, settings });
    expect(normalizeRestore(settings)).toEqual({ ok: true, settings });
    expect(normalizeRestore({ ok: false, errors: [] })).toEqual({ ok: false, errors: [] });
    expect(normalizeRestore({ done: true })).toBeNull();
  });
});

describe('retrying', () => {
  test('transient errors can be retried; a refusal cannot', () => {
    expect(['jira', 'busy', 'unavailable'].map((code) => isRetryable({ code } as never))).toEqual([
      true,
      true,
      true,
    ]);
    expect(
      ['forbidden', 'bad-request', 'not-found', 'not-configured'].map((code) =>
        isRetryable({ code } as never),
      ),
    ).toEqual([false, false, false, false]);
  });
});
