import { Button, Descriptions, Drawer, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { dateTime } from '../../common/format';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { notificationsApi, type NotificationRecord } from './api';
import { RECORD_STATUS_COLOR, recordStatusText } from './labels';

/** The body as the receiver got it, indented for reading; a body that is not JSON as it is. */
function pretty(body: string | undefined): string {
  if (!body) return '';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * One record: its deliveries so far (attempts, the receiver's last answer or why there was none)
 * and the message exactly as it was signed and sent.
 */
export function RecordDrawer({
  notificationId,
  recordId,
  typeText,
  onClose,
  onReplay,
}: {
  notificationId: string;
  recordId: string | null;
  typeText: (type: string) => string;
  onClose: () => void;
  onReplay: (recordId: string) => Promise<boolean>;
}) {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const [record, setRecord] = useState<NotificationRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [replaying, setReplaying] = useState(false);

  useEffect(() => {
    if (!recordId) return;
    let live = true;
    setError(null);
    notificationsApi
      .record(notificationId, recordId)
      .then((r) => live && setRecord(r))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [notificationId, recordId, tick]);

  const replay = async () => {
    if (!recordId) return;
    setReplaying(true);
    if (await onReplay(recordId)) setTick((n) => n + 1);
    setReplaying(false);
  };

  const shown = record && record.id === recordId ? record : null;
  const at = (iso?: string) => dateTime(iso, language);

  return (
    <Drawer
      open={recordId !== null}
      onClose={onClose}
      title={t('notifications.record')}
      size={640}
      destroyOnHidden
      extra={
        canWrite && shown ? (
          <Button type="primary" loading={replaying} onClick={replay}>
            {t('notifications.replay')}
          </Button>
        ) : null
      }
    >
      {error ? <ProblemAlert error={error} onRetry={() => setTick((n) => n + 1)} /> : null}
      {!shown && !error ? <Skeleton active /> : null}
      {shown ? (
        <>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 170 } }}
            items={[
              { key: 'id', label: t('notifications.messageId'), children: <Typography.Text copyable>{shown.id}</Typography.Text> },
              { key: 'packageName', label: t('notifications.packageName'), children: shown.packageName },
              { key: 'batchId', label: t('notifications.batchId'), children: <Typography.Text copyable>{shown.batchId}</Typography.Text> },
              ...(shown.deviceName ? [{ key: 'device', label: t('notifications.deviceName'), children: shown.deviceName }] : []),
              { key: 'type', label: t('notifications.messageType'), children: typeText(shown.messageType) },
              {
                key: 'status',
                label: t('notifications.pushStatus'),
                children: <Tag color={RECORD_STATUS_COLOR[shown.status]}>{recordStatusText(maybe, shown.status)}</Tag>,
              },
              { key: 'attempts', label: t('notifications.attempts'), children: shown.attempts },
              { key: 'replays', label: t('notifications.replays'), children: shown.replays },
              { key: 'createdAt', label: t('notifications.recordCreatedAt'), children: at(shown.createdAt) },
              { key: 'lastPushAt', label: t('notifications.lastPushAt'), children: at(shown.lastPushAt) },
              { key: 'nextAttemptAt', label: t('notifications.nextAttemptAt'), children: at(shown.nextAttemptAt) },
              { key: 'deliveredAt', label: t('notifications.deliveredAt'), children: at(shown.deliveredAt) },
              { key: 'lastStatusCode', label: t('notifications.lastStatusCode'), children: shown.lastStatusCode ?? '—' },
              {
                key: 'lastError',
                label: t('notifications.lastError'),
                children: shown.lastError ? <Typography.Text type="danger">{shown.lastError}</Typography.Text> : '—',
              },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 20 }} id="record-body-label">
            {t('notifications.body')}
          </Typography.Title>
          <pre
            aria-labelledby="record-body-label"
            style={{
              background: '#f5f5f5',
              border: '1px solid #f0f0f0',
              borderRadius: 4,
              padding: 12,
              maxHeight: 420,
              overflow: 'auto',
              fontSize: 12,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
            }}
          >
            {pretty(shown.body)}
          </pre>
        </>
      ) : null}
    </Drawer>
  );
}
