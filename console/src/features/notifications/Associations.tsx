import { LinkOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Popconfirm, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DataTable } from '../../common/DataTable';
import { SearchButtons } from '../../common/SearchButtons';
import { dateTime } from '../../common/format';
import { ProductSelect } from '../../common/ProductSelect';
import { problemText } from '../../common/problemText';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { notificationsApi, type Association, type AssociationFilter } from './api';
import { AssociateDialog } from './AssociateDialog';
import { moduleText, PACKAGE_STATUS_COLOR, packageStatusText, packageTypeText } from './labels';

/** 关联升级列表 (spec §2): the packages whose upgrades the notification hears of. */
export function Associations({ notificationId }: { notificationId: string }) {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<AssociationFilter>();
  const [filter, setFilter] = useState<AssociationFilter>({});
  const [associating, setAssociating] = useState(false);
  const table = useServerTable(
    (page, size) => notificationsApi.associations(notificationId, filter, page, size),
    [notificationId, filter],
  );

  // searching again with the same filters still asks the service anew
  const search = (values: AssociationFilter) => {
    setFilter({ packageName: values.packageName?.trim() || undefined, productKey: values.productKey || undefined });
    table.reload();
  };

  const dissociate = async (association: Association) => {
    try {
      await notificationsApi.dissociate(notificationId, association.packageId);
      message.success(t('notifications.dissociated'));
    } catch (e) {
      message.error(problemText(e, t, maybe));
    }
    table.reload();
  };

  const columns: TableColumnsType<Association> = [
    { title: t('notifications.packageName'), dataIndex: 'packageName', width: 200, ellipsis: true },
    {
      title: t('notifications.packageType'),
      dataIndex: 'packageType',
      width: 130,
      render: (type: string) => packageTypeText(maybe, type),
    },
    { title: t('notifications.targetVersion'), dataIndex: 'targetVersion', width: 120, ellipsis: true },
    { title: t('common.product'), dataIndex: 'productKey', width: 140, ellipsis: true },
    {
      title: t('notifications.module'),
      dataIndex: 'module',
      width: 130,
      render: (module: string) => moduleText(maybe, module),
    },
    {
      title: t('notifications.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: string | null | undefined) => (
        <Tag color={PACKAGE_STATUS_COLOR[status ?? 'DELETED']}>{packageStatusText(maybe, status)}</Tag>
      ),
    },
    {
      title: t('notifications.associatedAt'),
      dataIndex: 'associatedAt',
      width: 170,
      render: (at: string) => dateTime(at, language),
    },
  ];
  if (canWrite) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, a) => (
        <Popconfirm
          title={t('notifications.dissociateConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => dissociate(a)}
        >
          <a>{t('notifications.dissociate')}</a>
        </Popconfirm>
      ),
    });
  }

  return (
    <>
      <div className="toolbar">
        <Form name="associationSearch" form={form} layout="inline" onFinish={search} style={{ rowGap: 8 }}>
          <Form.Item name="packageName" label={t('notifications.packageName')}>
            <Input allowClear placeholder={t('notifications.packageNamePlaceholder')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="productKey" label={t('common.product')}>
            <ProductSelect style={{ width: 200, minWidth: 0 }} />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              setFilter({});
            }}
          />
        </Form>
        {canWrite ? (
          <Button type="primary" icon={<LinkOutlined />} onClick={() => setAssociating(true)}>
            {t('notifications.associate')}
          </Button>
        ) : null}
      </div>
      <DataTable table={table} columns={columns} rowKey="packageId" scroll={{ x: canWrite ? 1130 : 1030 }} />
      {associating ? (
        <AssociateDialog
          notificationId={notificationId}
          onClose={() => setAssociating(false)}
          onAssociated={() => {
            setAssociating(false);
            table.reload();
          }}
        />
      ) : null}
    </>
  );
}
