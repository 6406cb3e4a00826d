import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Space, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { ProductSelect } from '../../common/ProductSelect';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { AddPackageDialog } from './AddPackageDialog';
import { packagesApi, type Package, type PackageFilters } from './api';
import { EnabledSwitch } from './EnabledSwitch';
import { PACKAGE_TYPES } from './labels';
import { PackageActions } from './PackageActions';
import { ModuleName } from './PackageFacts';
import { usePackageChanges, useQuietTable } from './refresh';
import { VerificationTag } from './StateTags';
import { usePackageDialogs } from './usePackageDialogs';

/** 升级包管理 (spec §1): the packages, searched by name and product, with their actions. */
export function PackagesPage() {
  const { t, language } = useI18n();
  const { canWrite } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PackageFilters>();
  const [filters, setFilters] = useState<PackageFilters>({});
  const [adding, setAdding] = useState(false);
  const { change, apply } = usePackageChanges();
  const { table, refresh } = useQuietTable(
    useServerTable((page, size) => packagesApi.list(filters, page, size), [filters]),
  );
  const details = (id: string, batch?: string) =>
    navigate(`/ota/packages/${encodeURIComponent(id)}${batch ? `?batch=${encodeURIComponent(batch)}` : ''}`);
  const { verify, batch, dialogs } = usePackageDialogs({
    onChange: change,
    onBatch: (b) => details(b.packageId, b.id),
  });
  const rows = table.rows.map(apply);

  const columns: TableColumnsType<Package> = [
    {
      title: t('packages.field.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 180,
      render: (name: string, p) => <Link to={`/ota/packages/${encodeURIComponent(p.id)}`}>{name}</Link>,
    },
    {
      title: t('packages.field.type'),
      dataIndex: 'type',
      width: 100,
      render: (type: Package['type']) => t(PACKAGE_TYPES[type] ?? 'packages.unknownValue'),
    },
    { title: t('packages.field.targetVersion'), dataIndex: 'targetVersion', width: 110 },
    {
      title: t('packages.field.fromVersions'),
      dataIndex: 'fromVersions',
      width: 140,
      render: (versions: string[]) =>
        versions.length === 0 ? (
          <Typography.Text type="secondary">{t('packages.fromVersions.any')}</Typography.Text>
        ) : (
          <Tooltip title={versions.join(', ')}>
            <Typography.Text ellipsis style={{ maxWidth: 130 }}>
              {versions.join(', ')}
            </Typography.Text>
          </Tooltip>
        ),
    },
    { title: t('common.product'), dataIndex: 'productKey', width: 130 },
    {
      title: t('packages.field.module'),
      dataIndex: 'module',
      width: 130,
      render: (module: string) => <ModuleName module={module} />,
    },
    {
      title: t('packages.field.status'),
      dataIndex: 'status',
      width: 140,
      render: (status: Package['status']) => <VerificationTag status={status} />,
    },
    {
      title: t('packages.field.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => dateTime(at, language),
    },
    {
      title: t('packages.field.enabled'),
      dataIndex: 'enabled',
      width: 100,
      render: (_: boolean, p) => (
        <EnabledSwitch
          pkg={p}
          onChanged={(next) => {
            change(p.id, { enabled: next.enabled });
            refresh();
          }}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canWrite ? 290 : 80,
      render: (_, p) => (
        <PackageActions pkg={p} details onVerify={() => verify(p)} onBatch={() => batch(p)} onDeleted={table.reload} />
      ),
    },
  ];

  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap', marginBottom: 16 }}>
        <Form
          form={form}
          name="packageSearch"
          layout="inline"
          onFinish={(v: PackageFilters) => setFilters({ name: v.name?.trim() || undefined, productKey: v.productKey || undefined })}
        >
          <Form.Item name="name" label={t('packages.field.name')}>
            <Input allowClear placeholder={t('packages.search.name')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="productKey" label={t('common.product')}>
            <ProductSelect />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button onClick={() => (form.resetFields(), setFilters({}))}>{t('common.reset')}</Button>
            </Space>
          </Form.Item>
        </Form>
        {canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('packages.add.button')}
          </Button>
        ) : null}
      </div>
      <DataTable<Package>
        table={{ ...table, rows }}
        columns={columns}
        rowKey="id"
        scroll={{ x: 1500 }}
      />
      {adding ? (
        <AddPackageDialog onClose={() => setAdding(false)} onAdded={() => table.reload()} onOpen={(p) => details(p.id)} />
      ) : null}
      {dialogs}
    </>
  );
}
