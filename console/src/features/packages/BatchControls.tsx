import { App, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { packagesApi, type Batch } from './api';

/**
 * Pause, resume and cancel, each only where the batch's state allows it; a TRANSFER batch is
 * canceled with its transfer, never alone, so it has no cancel here.
 */
export function BatchControls({ batch, onChanged }: { batch: Batch; onChanged: (batch: Batch) => void }) {
  const { t, maybe } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (!canWrite) return null;

  const run = async (what: 'pause' | 'resume' | 'cancel', done: string) => {
    setBusy(what);
    try {
      onChanged(await packagesApi[what](batch.id));
      message.success(done);
    } catch (e) {
      message.error(problemText(e, t, maybe));
    } finally {
      setBusy(null);
    }
  };
  const canCancel = batch.kind !== 'TRANSFER' && ['SCHEDULED', 'RUNNING', 'PAUSED'].includes(batch.state);
  // a click here must not also select the row
  return (
    <Space size={12} onClick={(e) => e.stopPropagation()}>
      {batch.state === 'RUNNING' ? (
        <Button type="link" size="small" style={{ padding: 0 }} loading={busy === 'pause'} onClick={() => run('pause', t('packages.batch.paused'))}>
          {t('packages.batch.pause')}
        </Button>
      ) : null}
      {batch.state === 'PAUSED' ? (
        <Button type="link" size="small" style={{ padding: 0 }} loading={busy === 'resume'} onClick={() => run('resume', t('packages.batch.resumed'))}>
          {t('packages.batch.resume')}
        </Button>
      ) : null}
      {canCancel ? (
        <Popconfirm
          title={t('packages.batch.cancelConfirmTitle')}
          description={t('packages.batch.cancelConfirm', { id: batch.id })}
          okText={t('packages.batch.cancel')}
          okButtonProps={{ danger: true }}
          cancelText={t('common.cancel')}
          onConfirm={() => run('cancel', t('packages.batch.canceled'))}
        >
          <Button type="link" size="small" danger style={{ padding: 0 }} loading={busy === 'cancel'}>
            {t('packages.batch.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
