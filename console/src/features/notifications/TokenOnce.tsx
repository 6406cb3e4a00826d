import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useI18n } from '../../i18n/I18n';

/** A whole token, as only a create's or a rotation's answer carries it. */
export interface ShownToken {
  token: string;
  name: string;
}

/**
 * Shows a token the one time the service answers it whole. The caller drops it on close, so it
 * is gone from the page (and from memory) with the dialog: no later answer carries it again.
 */
export function TokenOnce({ shown, onClose }: { shown: ShownToken | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token);
      message.success(t('common.copied'));
    } catch {
      message.warning(t('notifications.tokenOnce.copyFailed'));
    }
  };

  return (
    <Modal
      open={shown !== null}
      title={t('notifications.tokenOnce.title')}
      onCancel={onClose}
      // an accidental click beside it or Esc would lose the token for good
      mask={{ closable: false }}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('notifications.tokenOnce.saved')}
        </Button>
      }
      width={600}
      destroyOnHidden
    >
      {shown ? (
        <>
          <Alert type="warning" showIcon title={t('notifications.tokenOnce.warning')} style={{ marginBottom: 16 }} />
          <Typography.Paragraph type="secondary">{t('notifications.tokenOnce.for', { name: shown.name })}</Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              readOnly
              value={shown.token}
              aria-label={t('notifications.token')}
              data-testid="token-once"
              style={{ fontFamily: 'monospace' }}
              onFocus={(e) => e.target.select()}
            />
            <Button icon={<CopyOutlined />} onClick={() => copy(shown.token)}>
              {t('common.copy')}
            </Button>
          </Space.Compact>
        </>
      ) : null}
    </Modal>
  );
}
