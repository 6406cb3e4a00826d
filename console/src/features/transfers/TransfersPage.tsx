import { Button, Form, Input, Select, Tag } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { TRANSFER_STATUSES, transfersApi, type Transfer, type TransferFilter } from './api';
import { statusLabel } from './labels';
import { StateCounts } from './StateCounts';

const FILTERS = ['status', 'productName', 'productKey'] as const;

/**
 * 转入设备批次 (spec §4): the transfers, newest first, searched by status, product name and
 * product ID. The search is kept in the URL, so that coming back from a transfer finds it again.
 */
export function TransfersPage() {
  const { t, language } = useI18n();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<TransferFilter>();
  const filter: TransferFilter = Object.fromEntries(
    FILTERS.map((name) => [name, params.get(name) ?? undefined]).filter(([, value]) => value),
  );
  const table = useServerTable(
    (page, size) => transfersApi.list(filter, page, size),
    [filter.status, filter.productName, filter.productKey],
  );

  // back and forward change the URL under the form: show the search the list is of
  useEffect(() => {
    form.setFieldsValue({ status: filter.status, productName: filter.productName, productKey: filter.productKey });
  }, [form, filter.status, filter.productName, filter.productKey]);

  function search(values: TransferFilter) {
    const next = new URLSearchParams();
    FILTERS.forEach((name) => {
      const value = values[name]?.trim();
      if (value) next.set(name, value);
    });
    setParams(next);
  }

  const detailsOf = (id: string) => `/ota/transfers/${encodeURIComponent(id)}`;

  return (
    <>
      <Form
        form={form}
        layout="inline"
        className="toolbar"
        style={{ justifyContent: 'flex-start', rowGap: 8 }}
        initialValues={filter}
        onFinish={search}
      >
        <Form.Item name="status" label={t('transfers.col.status')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('common.all')}
            options={TRANSFER_STATUSES.map((status) => ({ value: status, label: statusLabel(status, t).text }))}
          />
        </Form.Item>
        <Form.Item name="productName" label={t('transfers.col.productName')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="productKey" label={t('transfers.col.productKey')}>
          <Input allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.setFieldsValue({ status: undefined, productName: undefined, productKey: undefined });
              search({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Form.Item>
      </Form>
      <DataTable<Transfer> feature="transfers"
        table={table}
        rowKey="id"
        scroll={{ x: 1180 }}
        columns={[
          {
            title: t('transfers.col.id'),
            dataIndex: 'id',
            fixed: 'left',
            width: 160,
            render: (id: string) => <Link to={detailsOf(id)}>{id}</Link>,
          },
          { title: t('transfers.col.productKey'), dataIndex: 'productKey', width: 130 },
          { title: t('transfers.col.productName'), dataIndex: 'productName', width: 140 },
          { title: t('transfers.col.startVersion'), dataIndex: 'startVersion', width: 100 },
          { title: t('transfers.col.targetVersion'), dataIndex: 'targetVersion', width: 100 },
          {
            title: t('transfers.col.createdAt'),
            dataIndex: 'createdAt',
            width: 170,
            render: (at: string) => dateTime(at, language),
          },
          {
            title: t('transfers.col.status'),
            dataIndex: 'status',
            width: 130,
            render: (status: string) => {
              const label = statusLabel(status, t);
              return <Tag color={label.color}>{label.text}</Tag>;
            },
          },
          {
            title: t('transfers.col.devices'),
            key: 'devices',
            width: 200,
            render: (_, transfer) => <StateCounts transfer={transfer} />,
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 100,
            render: (_, transfer) => <Link to={detailsOf(transfer.id)}>{t('transfers.details')}</Link>,
          },
        ]}
      />
    </>
  );
}
