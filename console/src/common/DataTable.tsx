import { Table, type TableProps } from 'antd';
import { useI18n } from '../i18n/I18n';
import { ProblemAlert } from './ProblemAlert';
import type { ServerTable } from './useServerTable';

/**
 * A table of server pages with its three states: loading (a spinner over the rows), empty (said
 * in words) and failed (the problem, with a retry).
 */
export function DataTable<T extends object>({
  table,
  feature,
  ...props
}: { table: ServerTable<T>; feature?: string } & Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'>) {
  const { t } = useI18n();
  return (
    <>
      {table.error ? <ProblemAlert error={table.error} onRetry={table.reload} feature={feature} /> : null}
      <Table<T>
        size="middle"
        {...props}
        dataSource={table.rows}
        loading={table.loading}
        pagination={table.pagination}
        locale={{ emptyText: table.error ? t('common.loadFailed') : t('common.empty') }}
      />
    </>
  );
}
