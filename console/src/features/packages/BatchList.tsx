import { Typography, type TableColumnsType } from 'antd';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { packagesApi, type Batch } from './api';
import { BatchControls } from './BatchControls';
import { BatchProgress } from './BatchProgress';
import { BATCH_KINDS, isLive } from './labels';
import { useInterval, useQuietTable } from './refresh';
import { BatchStateTag } from './StateTags';

/**
 * 批次列表 (spec §1.4): the package's batches, verifications and transfers' included, newest
 * first; one is selected (its devices show below). Refreshed while any shown batch may change.
 */
export function BatchList({
  packageId,
  selected,
  live,
  onSelect,
  onChanged,
  reloadKey,
}: {
  packageId: string;
  selected: string | null;
  /** The selected batch as last read: fresher than the list's row. */
  live: Batch | null;
  onSelect: (batchId: string, replace?: boolean) => void;
  onChanged: (batch: Batch) => void;
  /** A change reloads the list (a batch was just created). */
  reloadKey: number;
}) {
  const { t, language } = useI18n();
  const { canWrite } = useSession();
  const { table, refresh } = useQuietTable(
    useServerTable((page, size) => packagesApi.batches(packageId, page, size), [packageId, reloadKey]),
  );
  const rows = table.rows.map((b) => (live && b.id === live.id ? live : b));
  useInterval(rows.some((b) => isLive(b.state) || !b.planning?.done), refresh);

  // a page opened without a batch shows the newest one's devices
  const first = table.rows[0]?.id;
  useEffect(() => {
    if (!selected && first) onSelect(first, true);
  }, [selected, first, onSelect]);

  const columns: TableColumnsType<Batch> = [
    {
      title: t('packages.batch.id'),
      dataIndex: 'id',
      width: 150,
      render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
    },
    {
      title: t('packages.batch.kind'),
      dataIndex: 'kind',
      width: 130,
      render: (kind: Batch['kind'], b) =>
        kind === 'TRANSFER' ? (
          <Link to={`/ota/transfers/${encodeURIComponent(b.id)}`} onClick={(e) => e.stopPropagation()}>
            {t(BATCH_KINDS.TRANSFER)}
          </Link>
        ) : (
          t(BATCH_KINDS[kind] ?? 'packages.unknownValue')
        ),
    },
    {
      title: t('packages.batch.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: Batch['state'], b) => <BatchStateTag state={state} reason={b.reason} />,
    },
    {
      title: t('packages.field.fromVersions'),
      dataIndex: 'fromVersions',
      width: 140,
      render: (v: string[]) => (
        <Typography.Text ellipsis={{ tooltip: v.join(', ') }} style={{ maxWidth: 130 }}>
          {v.join(', ')}
        </Typography.Text>
      ),
    },
    { title: t('packages.batch.progress'), key: 'progress', width: 230, render: (_, b) => <BatchProgress batch={b} /> },
    { title: t('packages.field.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => dateTime(at, language) },
    { title: t('packages.batch.startedAt'), dataIndex: 'startedAt', width: 170, render: (at: string | null) => dateTime(at, language) },
    { title: t('packages.batch.finishedAt'), dataIndex: 'finishedAt', width: 170, render: (at: string | null) => dateTime(at, language) },
    ...(canWrite
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right' as const,
            width: 130,
            render: (_: unknown, b: Batch) => (
              <BatchControls
                batch={b}
                onChanged={(next) => {
                  onChanged(next);
                  refresh();
                }}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <DataTable<Batch>
      table={{ ...table, rows }}
      columns={columns}
      rowKey="id"
      size="small"
      scroll={{ x: 1300 }}
      rowSelection={{
        type: 'radio',
        selectedRowKeys: selected ? [selected] : [],
        onChange: (keys) => keys[0] && onSelect(String(keys[0])),
        columnTitle: '',
        columnWidth: 40,
      }}
      onRow={(b) => ({ onClick: () => onSelect(b.id), style: { cursor: 'pointer' } })}
    />
  );
}
