import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { transfersApi, type DecisionTarget } from './api';
import { decisionFields } from './problems';

type Action = 'accept' | 'reject';

/**
 * 同意 / 拒绝: the writer's decisions on the devices awaiting review, the selected ones or all of
 * them, each after a confirmation that says how many devices it is about.
 */
export function DecisionBar({
  transferId,
  selected,
  awaiting,
  onDecided,
}: {
  transferId: string;
  /** The names of the devices selected. */
  selected: string[];
  /** How many devices await review now (what "all" is about). */
  awaiting: number;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const { modal, message } = App.useApp();
  const [failure, setFailure] = useState<{ error: unknown; sent: string[] }>();

  async function decide(action: Action, target: DecisionTarget) {
    const sent = 'deviceNames' in target ? target.deviceNames : [];
    setFailure(undefined);
    try {
      await (action === 'accept' ? transfersApi.accept(transferId, target) : transfersApi.reject(transferId, target));
      message.success(
        'all' in target
          ? action === 'accept'
            ? t('transfers.done.acceptAll')
            : t('transfers.done.rejectAll')
          : action === 'accept'
            ? t('transfers.done.accept', { count: sent.length })
            : t('transfers.done.reject', { count: sent.length }),
      );
      onDecided();
    } catch (error) {
      setFailure({ error, sent });
    }
  }

  function confirm(action: Action, all: boolean) {
    const count = all ? awaiting : selected.length;
    const target: DecisionTarget = all ? { all: true } : { deviceNames: [...selected] };
    const accept = action === 'accept';
    modal.confirm({
      title: all
        ? accept
          ? t('transfers.confirm.acceptAll', { count })
          : t('transfers.confirm.rejectAll', { count })
        : accept
          ? t('transfers.confirm.accept', { count })
          : t('transfers.confirm.reject', { count }),
      content: accept ? t('transfers.confirm.acceptHint') : t('transfers.confirm.rejectHint'),
      okText: accept ? t('transfers.accept') : t('transfers.reject'),
      okButtonProps: { danger: !accept },
      cancelText: t('common.cancel'),
      onOk: () => decide(action, target),
    });
  }

  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('transfers.selected', { count: selected.length })}</Typography.Text>
        <Button type="primary" disabled={selected.length === 0} onClick={() => confirm('accept', false)}>
          {t('transfers.accept')}
        </Button>
        <Button danger disabled={selected.length === 0} onClick={() => confirm('reject', false)}>
          {t('transfers.reject')}
        </Button>
        <Button disabled={awaiting === 0} onClick={() => confirm('accept', true)}>
          {t('transfers.acceptAll')}
        </Button>
        <Button danger disabled={awaiting === 0} onClick={() => confirm('reject', true)}>
          {t('transfers.rejectAll')}
        </Button>
      </Flex>
      {failure ? (
        <ProblemAlert feature="transfers" error={failure.error} fields={decisionFields(failure.error, failure.sent, t)} />
      ) : null}
    </>
  );
}
