import { useCallback, useEffect, useRef, useState } from 'react';
import { packagesApi, type Batch } from './api';
import { isLive } from './labels';
import { useInterval } from './refresh';

/**
 * One batch, read again every few seconds while it may still change; `tick` counts the reads so
 * that what shows its devices can refresh with it.
 */
export function useBatch(batchId: string | null) {
  const [batch, setBatch] = useState<Batch | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);

  const load = useCallback(() => {
    if (!batchId) return;
    const call = ++latest.current;
    packagesApi
      .batch(batchId)
      .then((b) => {
        if (call !== latest.current) return;
        setBatch(b);
        setError(null);
        setTick((n) => n + 1);
      })
      .catch((e) => call === latest.current && setError(e));
  }, [batchId]);

  useEffect(() => {
    setBatch(null);
    setError(null);
    load();
  }, [load]);

  const current = batch && batch.id === batchId ? batch : null;
  useInterval(!!current && (isLive(current.state) || !current.planning?.done), load);

  return { batch: current, error, tick, reload: load, set: setBatch };
}
