import { Table, Tag, Typography } from 'antd';
import { dateTime } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { Decision } from './api';
import { actionLabel } from './labels';

/** Who accepted, rejected or canceled how many devices, and when; the latest first. */
export function DecisionList({ decisions }: { decisions: Decision[] }) {
  const { t, language } = useI18n();
  const latestFirst = [...decisions].sort((a, b) => b.at.localeCompare(a.at));

  const scope = (d: Decision) => {
    if (d.action === 'CANCEL') return t('transfers.decision.cancelScope');
    return d.all
      ? t('transfers.decision.all', { requested: d.requested })
      : t('transfers.decision.named', { requested: d.requested });
  };

  return (
    <>
      <Typography.Title level={5}>{t('transfers.decision.title')}</Typography.Title>
      <Table<Decision>
        size="small"
        style={{ marginBottom: 16 }}
        rowKey={(d) => `${d.at}|${d.action}|${d.by}|${d.requested}|${d.changed}`}
        dataSource={latestFirst}
        pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('transfers.decision.none') }}
        scroll={{ x: 800 }}
        columns={[
          { title: t('transfers.decision.at'), dataIndex: 'at', width: 180, render: (at: string) => dateTime(at, language) },
          { title: t('transfers.decision.by'), dataIndex: 'by', width: 160 },
          {
            title: t('transfers.decision.action'),
            dataIndex: 'action',
            width: 100,
            render: (action: string) => {
              const label = actionLabel(action, t);
              return <Tag color={label.color}>{label.text}</Tag>;
            },
          },
          { title: t('transfers.decision.scope'), key: 'scope', render: (_, d) => scope(d) },
          { title: t('transfers.decision.changed'), dataIndex: 'changed', width: 120, align: 'right' },
        ]}
      />
    </>
  );
}
