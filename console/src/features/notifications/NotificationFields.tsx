import { Form, Input, Select } from 'antd';
import type { Rule } from 'antd/es/form';
import { useI18n } from '../../i18n/I18n';
import type { MessageTypeInfo } from './api';
import { messageTypeText } from './labels';
import { MAX_NAME, tokenIsValid, urlProblem } from './validation';

export interface NotificationValues {
  name?: string;
  url: string;
  token?: string;
  messageTypes: string[];
}

/** The form fields the service names in its field problems, for showOnFields. */
export const FIELD_NAMES = ['name', 'url', 'token', 'messageTypes'];

/** The fields of a notification, shared by the add and the edit dialog; the token only on adding. */
export function NotificationFields({ types, withToken }: { types: MessageTypeInfo[]; withToken: boolean }) {
  const { t, maybe } = useI18n();

  const urlRules: Rule[] = [
    { required: true, whitespace: true, message: t('notifications.urlRequired') },
    {
      validator: async (_, value?: string) => {
        const problem = value?.trim() ? urlProblem(value) : null;
        if (problem === 'TOO_LONG') throw new Error(t('notifications.urlTooLong'));
        if (problem) throw new Error(maybe(`field.${problem}`) ?? problem);
      },
    },
  ];
  const tokenRules: Rule[] = [
    {
      validator: async (_, value?: string) => {
        if (value && !tokenIsValid(value)) throw new Error(t('field.INVALID_TOKEN'));
      },
    },
  ];

  return (
    <>
      <Form.Item
        name="name"
        label={t('notifications.name')}
        rules={[{ max: MAX_NAME, message: t('notifications.nameTooLong') }]}
      >
        <Input placeholder={t('notifications.namePlaceholder')} />
      </Form.Item>
      <Form.Item name="url" label={t('notifications.url')} rules={urlRules} extra={t('notifications.urlHelp')}>
        <Input placeholder="https://hooks.example.com/upgrades" inputMode="url" />
      </Form.Item>
      {withToken ? (
        <Form.Item name="token" label={t('notifications.token')} rules={tokenRules} extra={t('notifications.tokenHelp')}>
          <Input placeholder={t('notifications.tokenPlaceholder')} autoComplete="off" spellCheck={false} />
        </Form.Item>
      ) : null}
      <Form.Item
        name="messageTypes"
        label={t('notifications.messageTypes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('notifications.messageTypesRequired') }]}
        extra={t('notifications.messageTypesHelp')}
      >
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          loading={types.length === 0}
          options={types.map((type) => ({
            value: type.type,
            label: messageTypeText(maybe, type.type, type.description),
          }))}
        />
      </Form.Item>
    </>
  );
}
