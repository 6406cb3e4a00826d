import { Alert, App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../../api/problem';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { packagesApi, type Batch, type BatchRequest, type Package, type Preview } from './api';
import { BatchFields } from './BatchFields';
import { BATCH_DEFAULTS, BATCH_FIELDS, batchRequest, type BatchValues } from './batchRequest';
import { BatchPreview } from './BatchPreview';
import { allowsBatches } from './labels';
import { showProblemOnFields } from './problems';

/**
 * Batch upgrade (spec §1.3). The batch is created only after its preview: the operator sees how
 * many devices it would take, which are left out and why, and what they would download, then
 * confirms exactly the request that was previewed.
 */
export function BatchUpgradeDialog({
  pkg,
  onClose,
  onCreated,
}: {
  pkg: Package;
  onClose: () => void;
  onCreated: (batch: Batch) => void;
}) {
  const { t, maybe } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<BatchValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [left, setLeft] = useState<FieldProblem[]>([]);
  const [previewed, setPreviewed] = useState<{ request: BatchRequest; preview: Preview } | null>(null);

  const refused = (e: unknown, request: BatchRequest) => {
    const devices = { field: 'scope.deviceNames', names: request.scope.deviceNames ?? [] };
    setLeft(showProblemOnFields(form, e, maybe, BATCH_FIELDS, devices));
    setError(e);
    // a field the form shows is fixed in the form: go back to it
    if (e instanceof ApiError && e.errors.length > 0) setPreviewed(null);
  };

  const preview = async (values: BatchValues) => {
    const request = batchRequest(values);
    setBusy(true);
    setError(null);
    setLeft([]);
    try {
      setPreviewed({ request, preview: await packagesApi.preview(pkg.id, request) });
    } catch (e) {
      refused(e, request);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!previewed) return;
    setBusy(true);
    setError(null);
    try {
      const batch = await packagesApi.createBatch(pkg.id, previewed.request);
      message.success(t('packages.batch.created'));
      onCreated(batch);
    } catch (e) {
      refused(e, previewed.request);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={800}
      title={t('packages.batch.title', { name: pkg.name })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        previewed
          ? [
              <Button key="back" onClick={() => (setPreviewed(null), setError(null))} disabled={busy}>
                {t('packages.batch.back')}
              </Button>,
              <Button key="confirm" type="primary" loading={busy} onClick={confirm}>
                {t('packages.batch.confirm')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                {t('common.cancel')}
              </Button>,
              <Button key="preview" type="primary" loading={busy} onClick={() => form.submit()}>
                {t('packages.batch.preview')}
              </Button>,
            ]
      }
    >
      {!allowsBatches(pkg.status) ? (
        <Alert type="warning" showIcon title={t('problem.NOT_VERIFIED')} style={{ marginBottom: 16 }} />
      ) : null}
      <ProblemAlert error={error} fields={left} />
      {previewed ? <BatchPreview preview={previewed.preview} request={previewed.request} /> : null}
      <Form<BatchValues>
        form={form}
        name="batchUpgrade"
        layout="vertical"
        hidden={!!previewed}
        initialValues={BATCH_DEFAULTS}
        onFinish={preview}
      >
        <BatchFields form={form} pkg={pkg} />
      </Form>
    </Modal>
  );
}
