import { DeleteOutlined, EditOutlined, KeyOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { dateTime } from '../../common/format';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { notificationsApi, type MessageTypeInfo, type Notification } from './api';
import { EditNotificationDialog } from './EditNotificationDialog';
import { EnabledSwitch } from './EnabledSwitch';
import { MessageTypeTags } from './MessageTypeTags';
import { TokenOnce, type ShownToken } from './TokenOnce';

/**
 * 升级任务通知配置: the notification as configured, with (for writers) its edit, its token's
 * rotation (the new token shown once) and its deletion.
 */
export function NotificationConfig({
  notification,
  types,
  onChanged,
  onDeleted,
}: {
  notification: Notification;
  types: MessageTypeInfo[];
  onChanged: (changed: Notification) => void;
  onDeleted: () => void;
}) {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<ShownToken | null>(null);

  const rotate = async () => {
    try {
      const rotated = await notificationsApi.rotateToken(notification.id);
      setShown({ token: rotated.token ?? '', name: rotated.name || rotated.url });
      // the token is not kept with the notification: only TokenOnce holds it, until closed
      onChanged({ ...rotated, token: undefined });
    } catch (e) {
      message.error(problemText(e, t, maybe));
    }
  };

  const remove = async () => {
    try {
      await notificationsApi.remove(notification.id);
      message.success(t('notifications.deleted'));
      onDeleted();
    } catch (e) {
      message.error(problemText(e, t, maybe));
    }
  };

  const actions = canWrite ? (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
        {t('notifications.edit')}
      </Button>
      <Popconfirm
        title={t('notifications.rotateConfirm')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        onConfirm={rotate}
      >
        <Button icon={<KeyOutlined />}>{t('notifications.rotateToken')}</Button>
      </Popconfirm>
      <Popconfirm
        title={t('notifications.deleteConfirm')}
        okText={t('common.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={remove}
      >
        <Button danger icon={<DeleteOutlined />}>
          {t('common.delete')}
        </Button>
      </Popconfirm>
    </Space>
  ) : null;

  return (
    <Card title={t('notifications.config')} extra={actions} size="small" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('notifications.name'), children: notification.name || t('notifications.unnamed') },
          {
            key: 'enabled',
            label: t('notifications.enabled'),
            children: <EnabledSwitch notification={notification} onChanged={onChanged} />,
          },
          {
            key: 'url',
            label: t('notifications.url'),
            span: 'filled',
            children: <Typography.Text copyable style={{ wordBreak: 'break-all' }}>{notification.url}</Typography.Text>,
          },
          {
            key: 'types',
            label: t('notifications.messageTypes'),
            span: 'filled',
            children: <MessageTypeTags types={notification.messageTypes} known={types} />,
          },
          {
            key: 'token',
            label: t('notifications.tokenHint'),
            children: <Typography.Text code>{notification.tokenHint}</Typography.Text>,
          },
          { key: 'createdAt', label: t('notifications.createdAt'), children: dateTime(notification.createdAt, language) },
          {
            key: 'updatedAt',
            label: t('notifications.updatedAt'),
            span: 'filled',
            children: dateTime(notification.updatedAt, language),
          },
        ]}
      />
      {editing ? (
        <EditNotificationDialog
          notification={notification}
          types={types}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            message.success(t('notifications.saved'));
            onChanged(saved);
          }}
        />
      ) : null}
      <TokenOnce shown={shown} onClose={() => setShown(null)} />
    </Card>
  );
}
