import type { TablePaginationConfig } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/http';
import { useI18n } from '../i18n/I18n';

export interface ServerTable<T> {
  rows: T[];
  total: number;
  loading: boolean;
  error: unknown;
  reload: () => void;
  /** For antd's Table: the server's paging, with the total. */
  pagination: TablePaginationConfig;
}

/**
 * A table whose pages come from the server: `load(page, size)` is called again whenever the
 * page, the size or `deps` (the filters) change; a filter change goes back to the first page.
 * An answer that a newer request overtook is dropped.
 */
export function useServerTable<T>(
  load: (page: number, size: number) => Promise<Page<T>>,
  deps: unknown[],
  initialSize = 10,
): ServerTable<T> {
  const { t } = useI18n();
  const depsKey = JSON.stringify(deps);
  // a page chosen under other filters does not apply: a filter change starts at the first page
  const [paging, setPaging] = useState({ page: 0, size: initialSize, key: depsKey });
  const page = paging.key === depsKey ? paging.page : 0;
  const size = paging.size;
  const [data, setData] = useState<Page<T> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const call = ++latest.current;
    setLoading(true);
    loadRef
      .current(page, size)
      .then((result) => {
        if (call !== latest.current) return;
        setData(result);
        setError(null);
      })
      .catch((e) => {
        if (call !== latest.current) return;
        setError(e);
      })
      .finally(() => {
        if (call === latest.current) setLoading(false);
      });
  }, [page, size, depsKey, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);

  return {
    rows: data?.items ?? [],
    total: data?.total ?? 0,
    loading,
    error,
    reload,
    pagination: {
      current: page + 1,
      pageSize: size,
      total: data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => t('common.total', { total }),
      onChange: (next, nextSize) =>
        setPaging({ page: nextSize !== size ? 0 : next - 1, size: nextSize, key: depsKey }),
    },
  };
}
