import { errorFromException, isResolverError, isRetryable } from '../../static/src/errors';

describe('resolver answers', () => {
  test('a ResolverError is recognised, data is not', () => {
    expect(isResolverError({ error: { code: 'forbidden', message: 'no' } })).toBe(true);
    expect(isResolverError({ error: 'no' })).toBe(false);
    expect(isResolverError({ project: 'OPS', snapshot: null })).toBe(false);
    expect(isResolverError([])).toBe(false);
    expect(isResolverError(null)).toBe(false);
  });

  test('a failed call becomes an "unavailable" error', () => {
    expect(errorFromException(new Error('Unable to establish a connection'))).toEqual({
      code: 'unavailable',
      message: 'Unable to establish a connection',
    });
    expect(errorFromException(undefined).code).toBe('unavailable');
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
