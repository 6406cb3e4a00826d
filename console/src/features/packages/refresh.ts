import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServerTable } from '../../common/useServerTable';
import type { Package } from './api';

/** How often a batch that may still change is read again. */
export const REFRESH_MS = 3000;

/**
 * A server table that can also be refreshed quietly: a refresh of the rows shown (a running
 * batch's devices) keeps them on screen instead of covering them with a spinner every few
 * seconds. A page or filter change still shows the spinner.
 */
export function useQuietTable<T>(table: ServerTable<T>): { table: ServerTable<T>; refresh: () => void } {
  const quiet = useRef(false);
  const { reload } = table;
  const refresh = useCallback(() => {
    // a refresh on top of a load the user asked for would hide that load's spinner
    if (table.loading && !quiet.current) return;
    quiet.current = true;
    reload();
  }, [reload, table.loading]);
  if (!table.loading) quiet.current = false;
  const shown: ServerTable<T> = {
    ...table,
    loading: table.loading && !quiet.current,
    pagination: {
      ...table.pagination,
      onChange: (page, size) => {
        quiet.current = false;
        table.pagination.onChange?.(page, size);
      },
    },
  };
  return { table: shown, refresh };
}

/** Calls `tick` every REFRESH_MS while `active`. */
export function useInterval(active: boolean, tick: () => void) {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => latest.current(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active]);
}

/**
 * What this console just changed on a package, shown until package-service's own answer moves
 * on: a verification status is campaign-service's and reaches package-service moments later, so
 * a list read right after a skip would still say UNVERIFIED (and keep batch upgrades disabled).
 * Each changed field applies while the server still shows what it showed before the change.
 */
export function usePackageChanges() {
  type Field = keyof Package;
  const [changes, setChanges] = useState<Record<string, Partial<Record<Field, { to: unknown; from: unknown }>>>>({});
  // the packages as the service last answered them, by id: a change starts from those
  const server = useRef<Record<string, Package>>({});
  const change = useCallback((id: string, to: Partial<Package>) => {
    const before = server.current[id];
    if (!before) return;
    setChanges((all) => {
      const mine = { ...all[id] };
      for (const [k, v] of Object.entries(to)) mine[k as Field] = { to: v, from: before[k as Field] };
      return { ...all, [id]: mine };
    });
  }, []);
  const apply = useCallback(
    (pkg: Package): Package => {
      server.current[pkg.id] = pkg;
      const mine = changes[pkg.id];
      if (!mine) return pkg;
      const shown: Record<string, unknown> = { ...pkg };
      for (const [k, c] of Object.entries(mine)) if (c && pkg[k as Field] === c.from) shown[k] = c.to;
      return shown as unknown as Package;
    },
    [changes],
  );
  return { change, apply };
}
