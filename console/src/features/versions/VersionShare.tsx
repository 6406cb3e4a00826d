import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { ProblemAlert } from '../../common/ProblemAlert';
import { percent } from '../../common/format';
import type { Product } from '../../common/ProductSelect';
import { useI18n } from '../../i18n/I18n';
import { versionsApi, type VersionShare as Share } from './api';
import { moduleLabel, modulesOf } from './modules';
import { ShareChart } from './ShareChart';
import { useLoad } from '../../common/useLoad';

/** 版本占比: for each module of the product, its versions' device counts and shares. */
export function VersionShare({ product }: { product: Product }) {
  return (
    <>
      {modulesOf(product).map((module) => (
        <ModuleShare key={module} productKey={product.productKey} module={module} />
      ))}
    </>
  );
}

function ModuleShare({ productKey, module }: { productKey: string; module: string }) {
  const { t } = useI18n();
  const label = moduleLabel(module, t);
  const distribution = useLoad(() => versionsApi.distribution(productKey, module), [productKey, module]);
  const data = distribution.data;

  return (
    <Card
      title={label}
      extra={
        data ? <Typography.Text type="secondary">{t('versions.share.total', { total: data.total })}</Typography.Text> : null
      }
      style={{ marginBottom: 16 }}
      data-testid={`share-${module}`}
    >
      {distribution.error ? (
        <ProblemAlert feature="versions" error={distribution.error} onRetry={distribution.reload} />
      ) : null}
      {data && data.total === 0 && !distribution.loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('versions.share.none')} />
      ) : (
        <Row gutter={[24, 16]} align="middle">
          <Col xs={24} xl={10}>
            {data ? (
              <ShareChart
                versions={data.versions}
                total={data.total}
                title={t('versions.chart.title', { module: label })}
              />
            ) : null}
          </Col>
          <Col xs={24} xl={14}>
            <Table<Share>
              size="small"
              rowKey="version"
              loading={distribution.loading}
              dataSource={data?.versions ?? []}
              pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: distribution.error ? t('common.loadFailed') : t('common.empty') }}
              columns={[
                { title: t('versions.col.version'), dataIndex: 'version' },
                { title: t('versions.col.module'), dataIndex: 'module', render: (m: string) => moduleLabel(m, t) },
                { title: t('versions.col.deviceCount'), dataIndex: 'deviceCount', align: 'right' },
                {
                  title: t('versions.col.share'),
                  dataIndex: 'share',
                  align: 'right',
                  render: (share: number) => percent(share / 100),
                },
              ]}
            />
          </Col>
        </Row>
      )}
    </Card>
  );
}
