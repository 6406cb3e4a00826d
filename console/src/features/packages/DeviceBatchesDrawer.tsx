import { Button, Drawer, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { packagesApi, type Job } from './api';
import { JobStateTag } from './StateTags';

/**
 * 查看所在批次: the batches a device is or was in, newest first (its jobs); picking one shows
 * that batch, on this package's page or on its own package's.
 */
export function DeviceBatchesDrawer({
  productKey,
  deviceName,
  currentBatch,
  onPick,
  onClose,
}: {
  productKey: string;
  deviceName: string;
  currentBatch: string | null;
  onPick: (job: Job) => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const table = useServerTable(
    (page, size) => packagesApi.deviceJobs(productKey, deviceName, page, size),
    [productKey, deviceName],
  );
  const columns: TableColumnsType<Job> = [
    {
      title: t('packages.batch.id'),
      dataIndex: 'batchId',
      render: (id: string, job) =>
        id === currentBatch ? (
          <Typography.Text code>{id}</Typography.Text>
        ) : (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onPick(job)}>
            {id}
          </Button>
        ),
    },
    { title: t('packages.field.targetVersion'), dataIndex: 'targetVersion' },
    { title: t('packages.field.fromVersion'), dataIndex: 'fromVersion', render: (v: string | null) => v ?? '—' },
    { title: t('packages.job.state'), dataIndex: 'state', render: (s: Job['state']) => <JobStateTag state={s} /> },
    { title: t('packages.job.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => dateTime(at, language) },
  ];
  return (
    <Drawer open size={720} title={t('packages.job.batchesOf', { device: deviceName })} onClose={onClose}>
      <DataTable<Job> table={table} columns={columns} rowKey="jobId" size="small" scroll={{ x: 640 }} />
    </Drawer>
  );
}
