import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Skeleton, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { notificationsApi, type Notification } from './api';
import { Associations } from './Associations';
import { NotificationConfig } from './NotificationConfig';
import { LIST_PATH } from './paths';
import { Records } from './Records';
import { useMessageTypes } from './useMessageTypes';

/**
 * One notification (/ota/notifications/:id): its configuration, then its 关联升级列表 (spec §2,
 * §2.2) and its 通知记录 (spec §2.3) as tabs.
 */
export function NotificationDetails() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { types } = useMessageTypes();
  const [notification, setNotification] = useState<Notification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    notificationsApi
      .get(id)
      .then((n) => live && setNotification(n))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, tick]);

  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(LIST_PATH)} style={{ paddingInline: 0 }}>
      {t('notifications.backToList')}
    </Button>
  );

  if (error) {
    return (
      <>
        {back}
        <ProblemAlert error={error} onRetry={() => setTick((n) => n + 1)} />
      </>
    );
  }
  if (!notification) return <Skeleton active />;

  return (
    <>
      <Space align="center" style={{ marginBottom: 8 }} wrap>
        {back}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {notification.name || notification.url}
        </Typography.Title>
      </Space>
      <NotificationConfig
        notification={notification}
        types={types}
        onChanged={setNotification}
        onDeleted={() => navigate(LIST_PATH)}
      />
      <Tabs
        items={[
          {
            key: 'associations',
            label: t('notifications.associations'),
            children: <Associations notificationId={notification.id} />,
          },
          {
            key: 'records',
            label: t('notifications.records'),
            children: <Records notificationId={notification.id} types={types} />,
          },
        ]}
      />
    </>
  );
}
