import { Progress, Space, Tooltip, Typography } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { Batch } from './api';
import { JOB_STATE_ORDER, JOB_STATES } from './labels';

/**
 * A batch's jobs by state as one bar: green the succeeded share, the rest of the ended share
 * (failed, timed out, canceled) as the bar's progress; the counts of every state on hover.
 */
export function BatchProgress({ batch }: { batch: Batch }) {
  const { t } = useI18n();
  const count = (s: keyof Batch['jobs']) => batch.jobs?.[s] ?? 0;
  const total = JOB_STATE_ORDER.reduce((sum, s) => sum + count(s), 0);
  const succeeded = count('SUCCEEDED');
  const failed = count('FAILED') + count('TIMED_OUT');
  const ended = succeeded + failed + count('CANCELED');
  const percent = total ? Math.floor((ended / total) * 100) : 0;
  const details = (
    <div>
      {JOB_STATE_ORDER.map((s) => (
        <div key={s}>
          {t(JOB_STATES[s].key)}: {count(s)}
        </div>
      ))}
      {!batch.planning?.done ? <div>{t('packages.batch.planning')}</div> : null}
    </div>
  );
  return (
    <Tooltip title={details}>
      <div style={{ minWidth: 180 }}>
        <Progress
          percent={percent}
          success={{ percent: total ? Math.floor((succeeded / total) * 100) : 0 }}
          size="small"
          status={failed > 0 ? 'exception' : undefined}
          format={() => `${ended}/${total}`}
        />
        <Space size={8}>
          <Typography.Text type="success">{t('packages.progress.succeeded', { count: succeeded })}</Typography.Text>
          <Typography.Text type={failed ? 'danger' : 'secondary'}>{t('packages.progress.failed', { count: failed })}</Typography.Text>
          {!batch.planning?.done ? <Typography.Text type="secondary">{t('packages.batch.planning')}</Typography.Text> : null}
        </Space>
      </div>
    </Tooltip>
  );
}
