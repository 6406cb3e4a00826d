import { Space, Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { MessageTypeInfo } from './api';
import { messageTypeText } from './labels';

/**
 * A notification's message types in words; "all types" when it wants every type there is, and
 * past `max` the rest behind a count (the list has fifteen).
 */
export function MessageTypeTags({
  types,
  known,
  max = Infinity,
}: {
  types: string[];
  known: MessageTypeInfo[];
  max?: number;
}) {
  const { t, maybe } = useI18n();
  if (known.length > 0 && known.every((k) => types.includes(k.type))) {
    return <Tag color="blue">{t('notifications.allTypes')}</Tag>;
  }
  const text = (type: string) =>
    messageTypeText(maybe, type, known.find((k) => k.type === type)?.description);
  const shown = types.slice(0, max);
  const rest = types.slice(shown.length);
  return (
    <Space size={[0, 4]} wrap>
      {shown.map((type) => (
        <Tag key={type}>{text(type)}</Tag>
      ))}
      {rest.length > 0 ? (
        <Tooltip title={rest.map((type) => <div key={type}>{text(type)}</div>)}>
          <Tag>+{rest.length}</Tag>
        </Tooltip>
      ) : null}
    </Space>
  );
}
