import { Alert, Col, Descriptions, Row, Statistic, Table, Typography } from 'antd';
import { bytes, dateTime } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { BatchRequest, Exclusion, Preview } from './api';
import { EXCLUSIONS, MODES, SCOPES, STRATEGIES } from './labels';

/**
 * What a batch would do if created now (the dry run), with the settings it would run with: the
 * operator confirms this, not the form.
 */
export function BatchPreview({ preview, request }: { preview: Preview; request: BatchRequest }) {
  const { t } = useI18n();
  const versions = Object.entries(preview.byFromVersion ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const excluded = (Object.entries(preview.excluded ?? {}) as [Exclusion, number][]).filter(([, n]) => n > 0);
  return (
    <div data-testid="batch-preview">
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={8}>
          <Statistic title={t('packages.preview.devices')} value={preview.devices} />
        </Col>
        <Col span={8}>
          <Statistic title={t('packages.preview.considered')} value={preview.considered} />
        </Col>
        <Col span={8}>
          <Statistic title={t('packages.preview.bytes')} value={bytes(preview.bytes)} />
        </Col>
      </Row>
      {preview.devices === 0 ? (
        <Alert
          type="warning"
          showIcon
          title={request.strategy === 'DYNAMIC' ? t('packages.preview.noneDynamic') : t('packages.preview.none')}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Title level={5}>{t('packages.preview.byFromVersion')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="version"
            dataSource={versions.map(([version, count]) => ({ version, count }))}
            locale={{ emptyText: t('common.none') }}
            columns={[
              { title: t('packages.field.fromVersion'), dataIndex: 'version' },
              { title: t('packages.preview.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
        <Col span={12}>
          <Typography.Title level={5}>{t('packages.preview.excluded')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="reason"
            dataSource={excluded.map(([reason, count]) => ({ reason, count }))}
            locale={{ emptyText: t('common.none') }}
            columns={[
              {
                title: t('packages.preview.reason'),
                dataIndex: 'reason',
                render: (reason: Exclusion) => t(EXCLUSIONS[reason] ?? 'packages.unknownValue'),
              },
              { title: t('packages.preview.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('packages.preview.settings')}
      </Typography.Title>
      <BatchSettings request={request} />
    </div>
  );
}

/** A batch request in words. */
function BatchSettings({ request: r }: { request: BatchRequest }) {
  const { t, language } = useI18n();
  const scope =
    r.scope.type === 'DEVICES'
      ? t('packages.scope.devicesCount', { count: r.scope.deviceNames?.length ?? 0 })
      : r.scope.type === 'GROUP'
        ? t('packages.scope.groupTag', { tag: r.scope.tag ?? '' })
        : r.scope.type === 'SHARE'
          ? t('packages.scope.sharePercent', { percent: r.scope.percent ?? 0 })
          : t(SCOPES.ALL);
  return (
    <Descriptions bordered size="small" column={2}>
      <Descriptions.Item label={t('packages.field.fromVersions')}>{r.fromVersions.join(', ')}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.strategy')}>{t(STRATEGIES[r.strategy])}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.scope')}>{scope}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.time')}>
        {r.schedule?.startAt ? dateTime(r.schedule.startAt, language) : t('packages.time.now')}
        {r.schedule?.endAt ? ` → ${dateTime(r.schedule.endAt, language)}` : ''}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.retry')}>
        {r.retry.count === 0
          ? t('packages.retry.none')
          : t('packages.retry.summary', { count: r.retry.count, seconds: r.retry.intervalSeconds })}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.timeoutMinutes')}>
        {t('packages.minutes', { minutes: r.timeoutMinutes })}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.ratePerMinute')}>
        {t('packages.perMinute', { rate: r.ratePerMinute })}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.mode')}>{t(MODES[r.mode])}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.abort')} span={2}>
        {r.abort
          ? t('packages.abort.summary', { percent: r.abort.failurePercent, min: r.abort.minFinished })
          : t('packages.abort.none')}
      </Descriptions.Item>
    </Descriptions>
  );
}
