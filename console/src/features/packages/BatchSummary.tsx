import { Descriptions, Typography } from 'antd';
import { dateTime } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { Batch, Exclusion } from './api';
import { BATCH_KINDS, EXCLUSIONS, MODES, SCOPES, STRATEGIES } from './labels';
import { BatchStateTag } from './StateTags';

/** The selected batch: what it was asked to do, and what its planning found. */
export function BatchSummary({ batch: b }: { batch: Batch }) {
  const { t, language } = useI18n();
  const scope =
    b.scope.type === 'DEVICES'
      ? t('packages.scope.devicesCount', { count: b.scope.devices ?? 0 })
      : b.scope.type === 'GROUP'
        ? t('packages.scope.groupTag', { tag: b.scope.tag ?? '' })
        : b.scope.type === 'SHARE'
          ? t('packages.scope.sharePercent', { percent: b.scope.percent ?? 0 })
          : t(SCOPES[b.scope.type] ?? 'packages.unknownValue');
  const excluded = (Object.entries(b.planning?.excluded ?? {}) as [Exclusion, number][]).filter(([, n]) => n > 0);
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 12 }}>
      <Descriptions.Item label={t('packages.batch.id')}>
        <Typography.Text code copyable>
          {b.id}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.batch.kind')}>{t(BATCH_KINDS[b.kind] ?? 'packages.unknownValue')}</Descriptions.Item>
      <Descriptions.Item label={t('packages.batch.state')}>
        <BatchStateTag state={b.state} />
        {b.reason ? <Typography.Text type="secondary">{b.reason}</Typography.Text> : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.fromVersions')}>{b.fromVersions.join(', ') || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.scope')}>{scope}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.strategy')}>{t(STRATEGIES[b.strategy] ?? 'packages.unknownValue')}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.time')}>
        {b.startAt ? dateTime(b.startAt, language) : t('packages.time.now')}
        {b.endAt ? ` → ${dateTime(b.endAt, language)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.retry')}>
        {b.retry.count === 0
          ? t('packages.retry.none')
          : t('packages.retry.summary', { count: b.retry.count, seconds: b.retry.intervalSeconds })}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.timeoutMinutes')}>{t('packages.minutes', { minutes: b.timeoutMinutes })}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.ratePerMinute')}>{t('packages.perMinute', { rate: b.ratePerMinute })}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.mode')}>{t(MODES[b.mode] ?? 'packages.unknownValue')}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.abort')}>
        {b.abort
          ? t('packages.abort.summary', { percent: b.abort.failurePercent, min: b.abort.minFinished })
          : t('packages.abort.none')}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.batch.planned')}>
        {b.planning?.done ? b.planning.jobs : t('packages.batch.plannedSoFar', { jobs: b.planning?.jobs ?? 0 })}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.preview.excluded')} span={2}>
        {excluded.length
          ? excluded.map(([reason, n]) => `${t(EXCLUSIONS[reason] ?? 'packages.unknownValue')}: ${n}`).join(' · ')
          : t('common.none')}
      </Descriptions.Item>
    </Descriptions>
  );
}
