import { Alert, App, Form, Modal, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { Page } from '../../api/http';
import { ApiError, type FieldProblem } from '../../api/problem';
import { DataTable } from '../../common/DataTable';
import { ProblemAlert } from '../../common/ProblemAlert';
import { ProductSelect } from '../../common/ProductSelect';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { notificationsApi, type PackageSummary } from './api';
import { moduleText, PACKAGE_STATUS_COLOR, packageStatusText, packageTypeText } from './labels';

const MAX_PACKAGES = 100;
const NONE: Page<PackageSummary> = { items: [], page: 0, size: 10, total: 0 };

/**
 * 关联升级 (spec §2.2): a product, then some of its packages (ticked across pages), associated
 * all at once or not at all.
 */
export function AssociateDialog({
  notificationId,
  onClose,
  onAssociated,
}: {
  notificationId: string;
  onClose: () => void;
  onAssociated: () => void;
}) {
  const { t, maybe } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ productKey?: string }>();
  const productKey = Form.useWatch('productKey', form);
  const [chosen, setChosen] = useState<PackageSummary[]>([]);
  const [chosenError, setChosenError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const table = useServerTable(
    (page, size) => (productKey ? notificationsApi.packagesOf(productKey, page, size) : Promise.resolve(NONE)),
    [productKey],
  );

  const submit = async ({ productKey: key }: { productKey?: string }) => {
    if (!key) return;
    if (chosen.length === 0) return setChosenError(t('notifications.associateNone'));
    if (chosen.length > MAX_PACKAGES) return setChosenError(t('notifications.associateTooMany'));
    setSaving(true);
    setError(null);
    try {
      const associated = await notificationsApi.associate(notificationId, key, chosen.map((p) => p.id));
      message.success(t('notifications.associatedDone', { count: associated.length }));
      onAssociated();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  // the service names a refused package by its place in packageIds: say which package that is
  const refused: FieldProblem[] | undefined =
    error instanceof ApiError
      ? error.errors.map((f) => {
          const index = /^packageIds\[(\d+)\]$/.exec(f.field)?.[1];
          const pkg = index === undefined ? undefined : chosen[Number(index)];
          return pkg ? { ...f, field: `${pkg.name} ${pkg.targetVersion}` } : f;
        })
      : undefined;

  const columns: TableColumnsType<PackageSummary> = [
    { title: t('notifications.packageName'), dataIndex: 'name', ellipsis: true },
    { title: t('notifications.packageType'), dataIndex: 'type', width: 130, render: (type: string) => packageTypeText(maybe, type) },
    { title: t('notifications.targetVersion'), dataIndex: 'targetVersion', width: 120, ellipsis: true },
    { title: t('notifications.module'), dataIndex: 'module', width: 120, render: (module: string) => moduleText(maybe, module) },
    {
      title: t('notifications.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: string) => <Tag color={PACKAGE_STATUS_COLOR[status]}>{packageStatusText(maybe, status)}</Tag>,
    },
  ];

  return (
    <Modal
      open
      title={t('notifications.associate')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: saving }}
      mask={{ closable: false }}
      width={860}
    >
      <ProblemAlert error={error} fields={refused} />
      <Form
        name="associate"
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => {
          // packages are chosen within one product: a new product starts over
          if ('productKey' in changed) {
            setChosen([]);
            setChosenError(null);
            setError(null);
          }
        }}
      >
        <Form.Item
          name="productKey"
          label={t('notifications.associateProduct')}
          rules={[{ required: true, message: t('notifications.associateProductRequired') }]}
        >
          <ProductSelect style={{ width: 320 }} />
        </Form.Item>
      </Form>
      {/* not a Form.Item: a form item's error status would spread to the table's own controls */}
      <div style={{ paddingBottom: 8 }}>
        <Typography.Text>
          <span style={{ color: '#ff4d4f', marginInlineEnd: 4 }}>*</span>
          {t('notifications.associatePackages')}
        </Typography.Text>
      </div>
      {productKey ? (
        <>
          <DataTable
            table={table}
            columns={columns}
            rowKey="id"
            size="small"
            scroll={{ x: 700 }}
            rowSelection={{
              selectedRowKeys: chosen.map((p) => p.id),
              preserveSelectedRowKeys: true,
              onChange: (_, rows) => {
                setChosen(rows.filter(Boolean));
                setChosenError(null);
              },
            }}
          />
          <Typography.Text type="secondary">{t('notifications.associateSelected', { count: chosen.length })}</Typography.Text>
        </>
      ) : (
        <Alert type="info" showIcon title={t('notifications.associatePickProduct')} />
      )}
      {chosenError ? (
        <div role="alert">
          <Typography.Text type="danger">{chosenError}</Typography.Text>
        </div>
      ) : null}
    </Modal>
  );
}
