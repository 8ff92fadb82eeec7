import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiResult } from '../api';

export type Loadable<T> =
  { status: 'loading' } | { status: 'ok'; data: T } | { status: 'error'; error: ApiError };

/** Runs a resolver call on mount (and on `reload`), keeping its state. */
export function useApi<T>(fetcher: () => Promise<ApiResult<T>>): {
  state: Loadable<T>;
  /** Loads again, showing the loading state. */
  reload: () => void;
  /** Loads again, keeping the current data on screen until the answer arrives. */
  refreshQuietly: () => void;
  set: (data: T) => void;
} {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;
  const seq = useRef(0);

  const run = useCallback((quiet: boolean) => {
    const mine = ++seq.current;
    if (!quiet) setState({ status: 'loading' });
    void fetcherRef.current().then((result) => {
      if (mine !== seq.current) return;
      setState(result.ok ? { status: 'ok', data: result.data } : { status: 'error', error: result.error });
    });
  }, []);
  const reload = useCallback(() => run(false), [run]);
  const refreshQuietly = useCallback(() => run(true), [run]);

  useEffect(() => {
    reload();
    return () => {
      seq.current++;
    };
  }, [reload]);

  const set = useCallback((data: T) => {
    seq.current++;
    setState({ status: 'ok', data });
  }, []);

  return { state, reload, refreshQuietly, set };
}
