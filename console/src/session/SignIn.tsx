import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/problem';
import { useI18n } from '../i18n/I18n';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { useSession } from './Session';

/** The sign-in page: an API key, checked against the gateway before the console opens. */
export function SignIn() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ key }: { key: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(key);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : 'NETWORK';
      setError(code === 'NETWORK' ? t('problem.NETWORK') : t('signIn.invalid'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <Card style={{ width: 420 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('app.name')}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Title level={5}>{t('signIn.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="key"
            label={t('signIn.key')}
            rules={[{ required: true, whitespace: true, message: t('signIn.keyRequired') }]}
          >
            <Input.Password autoFocus autoComplete="off" placeholder="uh_…" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
