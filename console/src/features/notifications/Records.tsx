import { App, Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { DataTable } from '../../common/DataTable';
import { SearchButtons } from '../../common/SearchButtons';
import { dateTime } from '../../common/format';
import { problemText } from '../../common/problemText';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { notificationsApi, type MessageTypeInfo, type NotificationRecord, type RecordFilter } from './api';
import { messageTypeText, RECORD_STATUS_COLOR, RECORD_STATUSES, recordStatusText } from './labels';
import { RecordDrawer } from './RecordDrawer';

/** 通知记录 (spec §2.3): each message to this notification and how its delivery went. */
export function Records({ notificationId, types }: { notificationId: string; types: MessageTypeInfo[] }) {
  const { t, maybe, language } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<RecordFilter>();
  const [filter, setFilter] = useState<RecordFilter>({});
  const [open, setOpen] = useState<string | null>(null);
  const [replaying, setReplaying] = useState<string | null>(null);
  const table = useServerTable(
    (page, size) => notificationsApi.records(notificationId, filter, page, size),
    [notificationId, filter],
  );

  // searching again with the same filters still asks the service anew (records keep coming)
  const search = (values: RecordFilter) => {
    setFilter({
      packageName: values.packageName?.trim() || undefined,
      status: values.status || undefined,
      messageType: values.messageType || undefined,
    });
    table.reload();
  };

  /** Sends a record again; answers whether the service took it. */
  const replay = async (recordId: string) => {
    setReplaying(recordId);
    try {
      await notificationsApi.replay(notificationId, recordId);
      message.success(t('notifications.replayed'));
      return true;
    } catch (e) {
      message.error(problemText(e, t, maybe));
      return false;
    } finally {
      setReplaying(null);
      table.reload();
    }
  };

  const typeText = (type: string) =>
    messageTypeText(maybe, type, types.find((known) => known.type === type)?.description);

  const columns: TableColumnsType<NotificationRecord> = [
    { title: t('notifications.packageName'), dataIndex: 'packageName', width: 200, ellipsis: true },
    { title: t('notifications.batchId'), dataIndex: 'batchId', width: 170, ellipsis: true },
    {
      title: t('notifications.lastPushAt'),
      dataIndex: 'lastPushAt',
      width: 170,
      render: (at?: string) => dateTime(at, language),
    },
    {
      title: t('notifications.pushStatus'),
      dataIndex: 'status',
      width: 130,
      render: (status: string) => <Tag color={RECORD_STATUS_COLOR[status]}>{recordStatusText(maybe, status)}</Tag>,
    },
    {
      title: t('notifications.messageType'),
      dataIndex: 'messageType',
      width: 200,
      ellipsis: true,
      render: (type: string) => typeText(type),
    },
    { title: t('notifications.attempts'), dataIndex: 'attempts', width: 100, align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      width: canWrite ? 160 : 80,
      fixed: 'right',
      render: (_, r) => (
        <Space size="small">
          <a onClick={() => setOpen(r.id)}>{t('common.details')}</a>
          {canWrite ? (
            <Button type="link" size="small" style={{ padding: 0 }} loading={replaying === r.id} onClick={() => replay(r.id)}>
              {t('notifications.replay')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <div className="toolbar">
        <Form name="recordSearch" form={form} layout="inline" onFinish={search} style={{ rowGap: 8 }}>
          <Form.Item name="packageName" label={t('notifications.packageName')}>
            <Input allowClear placeholder={t('notifications.packageNamePlaceholder')} style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="status" label={t('notifications.pushStatus')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 140 }}
              options={RECORD_STATUSES.map((status) => ({ value: status, label: recordStatusText(maybe, status) }))}
            />
          </Form.Item>
          <Form.Item name="messageType" label={t('notifications.messageType')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              style={{ width: 180 }}
              popupMatchSelectWidth={false}
              options={types.map((type) => ({ value: type.type, label: typeText(type.type) }))}
            />
          </Form.Item>
          <SearchButtons
            onReset={() => {
              form.resetFields();
              setFilter({});
            }}
          />
        </Form>
      </div>
      <DataTable table={table} columns={columns} rowKey="id" scroll={{ x: canWrite ? 1130 : 1050 }} />
      <RecordDrawer
        notificationId={notificationId}
        recordId={open}
        typeText={typeText}
        onClose={() => setOpen(null)}
        onReplay={replay}
      />
    </>
  );
}
