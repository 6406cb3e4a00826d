import { WarningOutlined } from '@ant-design/icons';
import { App, Space, Switch, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { notificationsApi, type Notification } from './api';

/**
 * A notification's enabled state: a switch for writers (PATCH), a tag for viewers. Says why when
 * the platform disabled it (its receiver answered 410 Gone); enabling it again clears that.
 */
export function EnabledSwitch({
  notification,
  onChanged,
}: {
  notification: Notification;
  onChanged: (changed: Notification) => void;
}) {
  const { t, maybe } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      const changed = await notificationsApi.change(notification.id, { enabled });
      message.success(t(enabled ? 'notifications.enabledDone' : 'notifications.disabledDone'));
      onChanged(changed);
    } catch (e) {
      message.error(problemText(e, t, maybe));
    } finally {
      setBusy(false);
    }
  };

  const state = canWrite ? (
    <Switch
      size="small"
      checked={notification.enabled}
      loading={busy}
      onChange={toggle}
      aria-label={t('notifications.enabled')}
    />
  ) : (
    <Tag color={notification.enabled ? 'success' : 'default'}>
      {t(notification.enabled ? 'notifications.on' : 'notifications.off')}
    </Tag>
  );
  if (!notification.disabledReason) return state;
  const reason = t('notifications.disabledReason', { reason: notification.disabledReason });
  return (
    <Space size={6}>
      {state}
      <Tooltip title={reason}>
        <WarningOutlined style={{ color: '#faad14' }} aria-label={reason} />
      </Tooltip>
    </Space>
  );
}
