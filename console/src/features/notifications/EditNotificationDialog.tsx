import { Form, Modal } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { notificationsApi, type MessageTypeInfo, type Notification, type NotificationChange } from './api';
import { FIELD_NAMES, NotificationFields, type NotificationValues } from './NotificationFields';
import { useFormProblem } from './useFormProblem';

/**
 * Changes a notification's name, URL and message types (e.g. to add a type the platform added
 * since). The token changes only by rotation, where the new one can be shown once.
 */
export function EditNotificationDialog({
  notification,
  types,
  onClose,
  onSaved,
}: {
  notification: Notification;
  types: MessageTypeInfo[];
  onClose: () => void;
  onSaved: (saved: Notification) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NotificationValues>();
  const [saving, setSaving] = useState(false);
  const problem = useFormProblem(form, FIELD_NAMES);

  const submit = async (values: NotificationValues) => {
    // only what changed: an unchanged URL is not sent through the address check again
    const change: NotificationChange = {};
    const name = values.name?.trim() ?? '';
    if (name !== notification.name) change.name = name;
    if (values.url.trim() !== notification.url) change.url = values.url.trim();
    const sameTypes =
      values.messageTypes.length === notification.messageTypes.length &&
      values.messageTypes.every((type) => notification.messageTypes.includes(type));
    if (!sameTypes) change.messageTypes = values.messageTypes;
    if (Object.keys(change).length === 0) {
      onClose();
      return;
    }
    setSaving(true);
    problem.clear();
    try {
      onSaved(await notificationsApi.change(notification.id, change));
    } catch (e) {
      problem.show(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('notifications.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: saving }}
      mask={{ closable: false }}
      width={600}
    >
      <ProblemAlert error={problem.error} fields={problem.left} />
      <Form
        name="editNotification"
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: notification.name, url: notification.url, messageTypes: notification.messageTypes }}
      >
        <NotificationFields types={types} withToken={false} />
      </Form>
    </Modal>
  );
}
