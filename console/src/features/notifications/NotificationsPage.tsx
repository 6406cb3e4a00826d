import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { problemText } from '../../common/problemText';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { AddNotificationDialog } from './AddNotificationDialog';
import { notificationsApi, type Notification } from './api';
import { EnabledSwitch } from './EnabledSwitch';
import { MessageTypeTags } from './MessageTypeTags';
import { detailsPath } from './paths';
import { TokenOnce, type ShownToken } from './TokenOnce';
import { useMessageTypes } from './useMessageTypes';

/** 升级任务通知 (spec §2): the notification configurations, newest first. */
export function NotificationsPage() {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const table = useServerTable((page, size) => notificationsApi.list(page, size), []);
  const { types, error: typesError } = useMessageTypes();
  const [adding, setAdding] = useState(false);
  const [shown, setShown] = useState<ShownToken | null>(null);

  const remove = async (notification: Notification) => {
    try {
      await notificationsApi.remove(notification.id);
      message.success(t('notifications.deleted'));
    } catch (e) {
      message.error(problemText(e, t, maybe));
    }
    table.reload();
  };

  const columns: TableColumnsType<Notification> = [
    {
      title: t('notifications.name'),
      dataIndex: 'name',
      width: 180,
      ellipsis: true,
      render: (name: string, n) => <Link to={detailsPath(n.id)}>{name || t('notifications.unnamed')}</Link>,
    },
    {
      title: t('notifications.url'),
      dataIndex: 'url',
      width: 260,
      ellipsis: { showTitle: true },
    },
    {
      title: t('notifications.tokenHint'),
      dataIndex: 'tokenHint',
      width: 160,
      render: (hint: string) => <Typography.Text code>{hint}</Typography.Text>,
    },
    {
      title: t('notifications.enabled'),
      dataIndex: 'enabled',
      width: 110,
      render: (_, n) => <EnabledSwitch notification={n} onChanged={table.reload} />,
    },
    {
      title: t('notifications.messageTypes'),
      dataIndex: 'messageTypes',
      width: 280,
      render: (list: string[]) => <MessageTypeTags types={list} known={types} max={2} />,
    },
    {
      title: t('notifications.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => dateTime(at, language),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 130 : 80,
      fixed: 'right',
      render: (_, n) => (
        <Space size="small">
          <Link to={detailsPath(n.id)}>{t('common.details')}</Link>
          {canWrite ? (
            <Popconfirm
              title={t('notifications.deleteConfirm')}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove(n)}
            >
              <a style={{ color: '#ff4d4f' }}>{t('common.delete')}</a>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="toolbar">
        <Space>
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('notifications.add')}
            </Button>
          ) : null}
        </Space>
        <Button icon={<ReloadOutlined />} onClick={table.reload}>
          {t('common.refresh')}
        </Button>
      </div>
      <DataTable table={table} columns={columns} rowKey="id" scroll={{ x: 1290 }} />
      {adding ? (
        <AddNotificationDialog
          types={types}
          typesError={typesError}
          onClose={() => setAdding(false)}
          onCreated={(created) => {
            setAdding(false);
            message.success(t('notifications.created'));
            setShown({ token: created.token ?? '', name: created.name || created.url });
            table.reload();
          }}
        />
      ) : null}
      <TokenOnce shown={shown} onClose={() => setShown(null)} />
    </>
  );
}
