import { Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { notificationsApi, type MessageTypeInfo, type Notification } from './api';
import { FIELD_NAMES, NotificationFields, type NotificationValues } from './NotificationFields';
import { useFormProblem } from './useFormProblem';

/**
 * 添加升级任务通知 (spec §2.1): a URL and a token. The answer is the only one that carries the
 * whole token; it goes to `onCreated`, which shows it once.
 */
export function AddNotificationDialog({
  types,
  typesError,
  onClose,
  onCreated,
}: {
  types: MessageTypeInfo[];
  typesError?: unknown;
  onClose: () => void;
  onCreated: (created: Notification) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<NotificationValues>();
  const [saving, setSaving] = useState(false);
  const problem = useFormProblem(form, FIELD_NAMES);

  // every type by default, as the service would do for a notification that names none
  useEffect(() => {
    if (types.length > 0 && form.getFieldValue('messageTypes') === undefined) {
      form.setFieldValue('messageTypes', types.map((type) => type.type));
    }
  }, [types, form]);

  const submit = async (values: NotificationValues) => {
    setSaving(true);
    problem.clear();
    try {
      const created = await notificationsApi.create({
        name: values.name?.trim() || undefined,
        url: values.url.trim(),
        // an empty token means "generate one": the service does that when it is left out
        token: values.token || undefined,
        messageTypes: values.messageTypes,
      });
      onCreated(created);
    } catch (e) {
      problem.show(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('notifications.add')}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: saving }}
      mask={{ closable: false }}
      width={600}
    >
      <ProblemAlert error={typesError} />
      <ProblemAlert error={problem.error} fields={problem.left} />
      <Form name="addNotification" form={form} layout="vertical" onFinish={submit} requiredMark>
        <NotificationFields types={types} withToken />
      </Form>
    </Modal>
  );
}
