import { Alert, App, Button, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { FieldProblem } from '../../api/problem';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { packagesApi, type Batch, type NotificationMode, type Package, type VerificationStatus } from './api';
import { DeviceSelect } from './DeviceSelect';
import { FromVersionsSelect } from './FromVersionsSelect';
import { allowsVerification, MODES } from './labels';
import { showProblemOnFields } from './problems';
import { devicesRule, fromVersionsRule, MAX_VERIFY_DEVICES, rangeRule } from './rules';

interface Values {
  fromVersions: string[];
  mode: NotificationMode;
  deviceNames: string[];
  timeoutMinutes: number;
}

const FIELDS = ['fromVersions', 'mode', 'deviceNames', 'timeoutMinutes'];

/** Why a package cannot be verified now, when its status says so. */
const NOT_NOW: Partial<Record<VerificationStatus, string>> = {
  VERIFYING: 'packages.verify.running',
  VERIFIED: 'packages.verify.alreadyVerified',
  VERIFY_SKIPPED: 'packages.verify.skipped',
};

/**
 * Verification upgrade (spec §1.2): a few chosen devices take the package first; or skipping it,
 * which allows batch upgrades at once and rules out verification for good (hence the warning).
 */
export function VerificationDialog({
  pkg,
  onClose,
  onStarted,
  onSkipped,
}: {
  pkg: Package;
  onClose: () => void;
  onStarted: (batch: Batch) => void;
  onSkipped: (status: VerificationStatus) => void;
}) {
  const { t, maybe } = useI18n();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [left, setLeft] = useState<FieldProblem[]>([]);
  const blocked = allowsVerification(pkg.status) ? undefined : NOT_NOW[pkg.status];

  const start = async (values: Values) => {
    setBusy(true);
    setError(null);
    setLeft([]);
    try {
      const batch = await packagesApi.verify(pkg.id, values);
      message.success(t('packages.verify.started'));
      onStarted(batch);
    } catch (e) {
      setLeft(showProblemOnFields(form, e, maybe, FIELDS, { field: 'deviceNames', names: values.deviceNames }));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const skip = () =>
    modal.confirm({
      title: t('packages.verify.skipConfirmTitle'),
      content: t('packages.verify.skipConfirm', { name: pkg.name }),
      okText: t('packages.verify.skip'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        setError(null);
        try {
          const answer = await packagesApi.skipVerification(pkg.id);
          message.success(t('packages.verify.skippedDone'));
          onSkipped(answer?.status ?? 'VERIFY_SKIPPED');
        } catch (e) {
          setError(e);
        }
      },
    });

  return (
    <Modal
      open
      width={640}
      title={t('packages.verify.title', { name: pkg.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="skip" danger disabled={!!blocked || busy} onClick={skip}>
          {t('packages.verify.skip')}
        </Button>,
        <Button key="start" type="primary" disabled={!!blocked} loading={busy} onClick={() => form.submit()}>
          {t('packages.verify.start')}
        </Button>,
      ]}
    >
      {blocked ? <Alert type="info" showIcon title={t(blocked)} style={{ marginBottom: 16 }} /> : null}
      <ProblemAlert error={error} fields={left} />
      <Typography.Paragraph type="secondary">{t('packages.verify.hint')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        name="verification"
        layout="vertical"
        disabled={!!blocked}
        initialValues={{ fromVersions: [], mode: 'PUSH', deviceNames: [], timeoutMinutes: 60 }}
        onFinish={start}
      >
        <Form.Item
          name="fromVersions"
          label={t('packages.field.fromVersions')}
          required
          rules={[fromVersionsRule(t, () => pkg.targetVersion, () => true)]}
        >
          <FromVersionsSelect choices={pkg.fromVersions} />
        </Form.Item>
        <Form.Item name="mode" label={t('packages.field.mode')} extra={t('packages.mode.hint')}>
          <Radio.Group options={(['PUSH', 'PULL'] as const).map((m) => ({ value: m, label: t(MODES[m]) }))} />
        </Form.Item>
        <Form.Item
          name="deviceNames"
          label={t('packages.verify.devices', { max: MAX_VERIFY_DEVICES })}
          required
          rules={[devicesRule(t, MAX_VERIFY_DEVICES)]}
        >
          <DeviceSelect productKey={pkg.productKey} module={pkg.module} />
        </Form.Item>
        <Form.Item
          name="timeoutMinutes"
          label={t('packages.field.timeoutMinutes')}
          required
          rules={[rangeRule(t, 1, 1440)]}
        >
          <InputNumber min={1} max={1440} precision={0} suffix={t('packages.unit.minutes')} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
