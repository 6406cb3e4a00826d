import { useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/**
 * One answer that `deps` choose (not a paged list): loaded again when they change or on `reload`,
 * keeping the answer before meanwhile (a refresh does not blank the page); an answer that a newer
 * request overtook is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const depsKey = JSON.stringify(deps);

  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    loadRef
      .current()
      .then((result) => {
        if (call !== latest.current) return;
        setData(result);
        setError(null);
      })
      .catch((e) => call === latest.current && setError(e))
      .finally(() => call === latest.current && setLoading(false));
  }, [depsKey, tick]);

  return { data, loading, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}
