import { App, Button, Input, Popconfirm, Progress, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { problemText } from '../../common/problemText';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { packagesApi, type Batch, type Job, type JobState } from './api';
import { isOpen, JOB_STATE_ORDER, JOB_STATES } from './labels';
import { useQuietTable } from './refresh';
import { JobStateTag } from './StateTags';

/**
 * 设备列表 (spec §1.4): the selected batch's devices (one job each), filtered by state and name;
 * refreshed with every read of a batch that may still change (`tick`). A device's job can be
 * canceled while it is open, and its other batches looked up (查看所在批次).
 */
export function BatchDevices({
  batch,
  tick,
  onShowBatches,
}: {
  batch: Batch;
  tick: number;
  onShowBatches: (job: Job) => void;
}) {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [state, setState] = useState<JobState | undefined>();
  const [deviceName, setDeviceName] = useState<string | undefined>();
  const { table, refresh } = useQuietTable(
    useServerTable(
      (page, size) => packagesApi.jobs(batch.id, { state, deviceName }, page, size),
      [batch.id, state, deviceName],
    ),
  );
  useEffect(() => {
    if (tick > 0) refresh();
    // only a new read of the batch refreshes (refresh itself changes with the table's loading)
  }, [tick]);

  const cancel = async (job: Job) => {
    try {
      await packagesApi.cancelJob(job.batchId, job.deviceName);
      message.success(t('packages.job.canceled', { device: job.deviceName }));
      refresh();
    } catch (e) {
      message.error(problemText(e, t, maybe));
    }
  };

  const columns: TableColumnsType<Job> = [
    { title: t('packages.job.device'), dataIndex: 'deviceName', fixed: 'left', width: 160 },
    {
      title: t('packages.job.state'),
      dataIndex: 'state',
      width: 190,
      render: (s: JobState, job) => (
        <Space orientation="vertical" size={2}>
          <JobStateTag state={s} />
          {s === 'DOWNLOADING' || s === 'UPGRADING' ? (
            <Progress percent={job.step} size="small" style={{ width: 140 }} aria-label={t('packages.job.step')} />
          ) : null}
          {job.retryPending ? (
            <Typography.Text type="warning">
              {t('packages.job.retryAt', { at: dateTime(job.due, language) })}
            </Typography.Text>
          ) : null}
        </Space>
      ),
    },
    { title: t('packages.job.attempt'), dataIndex: 'attempt', width: 80, align: 'right' },
    { title: t('packages.field.fromVersion'), dataIndex: 'fromVersion', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('packages.job.currentVersion'), dataIndex: 'currentVersion', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('packages.field.targetVersion'), dataIndex: 'targetVersion', width: 110 },
    {
      title: t('packages.job.failure'),
      key: 'failure',
      width: 180,
      render: (_, job) =>
        job.failureCode !== null || job.description ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: job.description }} style={{ maxWidth: 170 }}>
            {job.failureCode !== null ? t('packages.job.failureCode', { code: job.failureCode }) : ''}
            {job.description ? ` ${job.description}` : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: t('packages.job.notifiedAt'), dataIndex: 'notifiedAt', width: 170, render: (at: string | null) => dateTime(at, language) },
    { title: t('packages.job.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (at: string) => dateTime(at, language) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 190 : 110,
      render: (_, job) => (
        <Space size={12}>
          {canWrite && isOpen(job) ? (
            <Popconfirm
              title={t('packages.job.cancelConfirm', { device: job.deviceName })}
              okText={t('packages.job.cancel')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => cancel(job)}
            >
              <Button type="link" size="small" danger style={{ padding: 0 }}>
                {t('packages.job.cancel')}
              </Button>
            </Popconfirm>
          ) : null}
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onShowBatches(job)}>
            {t('packages.job.batches')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<JobState>
          allowClear
          placeholder={t('packages.job.stateFilter')}
          aria-label={t('packages.job.stateFilter')}
          value={state}
          onChange={setState}
          style={{ width: 180 }}
          options={JOB_STATE_ORDER.map((s) => ({
            value: s,
            label: `${t(JOB_STATES[s].key)} (${batch.jobs?.[s] ?? 0})`,
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('packages.job.search')}
          aria-label={t('packages.job.search')}
          onSearch={(v) => setDeviceName(v.trim() || undefined)}
          enterButton={t('common.search')}
          style={{ width: 320 }}
        />
        <Button onClick={table.reload}>{t('common.refresh')}</Button>
      </Space>
      <DataTable<Job> table={table} columns={columns} rowKey="jobId" size="small" scroll={{ x: 1490 }} />
    </>
  );
}
