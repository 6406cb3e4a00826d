import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { DEVICE_STATES, isOpen, transfersApi, type DeviceState, type Transfer } from './api';
import { DecisionList } from './DecisionList';
import { stateLabel, statusLabel } from './labels';
import { TransferDevices } from './TransferDevices';
import { TransferSummary } from './TransferSummary';
import { useLoad } from '../../common/useLoad';

/** How often an upgrading transfer's counts are read again. */
export const REFRESH_MS = 5000;

/** The tab to open on: the first state some device is in, the review first. */
function firstTab(transfer: Transfer): DeviceState {
  return DEVICE_STATES.find((state) => (transfer.counts[state] ?? 0) > 0) ?? 'AWAITING_REVIEW';
}

/**
 * A transferred-in batch (spec §4): the transfer, its decisions, and its devices by state, with
 * accept and reject for the devices awaiting review and a cancel, for writers while it is open.
 * The tab shown is kept in the URL (`?state=`).
 */
export function TransferDetails() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { canWrite } = useSession();
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const loaded = useLoad(() => transfersApi.get(id), [id]);
  const [cancelError, setCancelError] = useState<unknown>(null);
  const transfer = loaded.data;
  const { reload } = loaded;

  const asked = params.get('state');
  const tab = (DEVICE_STATES as readonly string[]).includes(asked ?? '') ? (asked as DeviceState) : undefined;

  // fix the tab once the transfer is known, so that moving counts do not switch it under the reader
  useEffect(() => {
    if (transfer && !tab) setParams({ state: firstTab(transfer) }, { replace: true });
  }, [transfer, tab, setParams]);

  // while devices are being upgraded the counts move: read them again every few seconds
  const upgrading = transfer?.status === 'IN_PROGRESS';
  useEffect(() => {
    if (!upgrading) return;
    const timer = setInterval(() => {
      if (!document.hidden) reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [upgrading, reload]);

  if (!transfer) {
    return loaded.error ? (
      <>
        <BackLink />
        <ProblemAlert feature="transfers" error={loaded.error} onRetry={reload} />
      </>
    ) : (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin />
      </Flex>
    );
  }

  const open = isOpen(transfer.status);
  const status = statusLabel(transfer.status, t);
  const awaiting = transfer.counts.AWAITING_REVIEW ?? 0;
  const refreshKey = `${transfer.updatedAt}|${JSON.stringify(transfer.counts)}`;

  function confirmCancel(current: Transfer) {
    modal.confirm({
      title: t('transfers.confirm.cancel', { id: current.id }),
      content: t('transfers.confirm.cancelHint'),
      okText: t('transfers.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('transfers.keep'),
      onOk: async () => {
        setCancelError(null);
        try {
          await transfersApi.cancel(current.id);
          message.success(t('transfers.done.cancel'));
          reload();
        } catch (error) {
          setCancelError(error);
        }
      },
    });
  }

  return (
    <>
      <BackLink />
      <Flex className="toolbar" align="center">
        <Flex align="center" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('transfers.detailsTitle', { id: transfer.id })}
          </Typography.Title>
          <Tag color={status.color}>{status.text}</Tag>
        </Flex>
        <Flex gap={8}>
          <Button icon={<ReloadOutlined />} onClick={reload}>
            {t('common.refresh')}
          </Button>
          {canWrite && open ? (
            <Button danger onClick={() => confirmCancel(transfer)}>
              {t('transfers.cancel')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      {cancelError ? <ProblemAlert feature="transfers" error={cancelError} /> : null}
      {loaded.error ? <ProblemAlert feature="transfers" error={loaded.error} onRetry={reload} /> : null}
      <TransferSummary transfer={transfer} />
      <DecisionList decisions={transfer.decisions} />
      <Typography.Title level={5}>{t('transfers.devicesTitle')}</Typography.Title>
      <Tabs
        activeKey={tab ?? firstTab(transfer)}
        onChange={(state) => setParams({ state }, { replace: true })}
        destroyOnHidden
        items={DEVICE_STATES.map((state) => ({
          key: state,
          label: `${stateLabel(state, t).text} (${transfer.counts[state] ?? 0})`,
          children: (
            <TransferDevices
              transferId={transfer.id}
              state={state}
              awaiting={awaiting}
              canDecide={canWrite && open}
              refreshKey={refreshKey}
              onDecided={reload}
            />
          ),
        }))}
      />
    </>
  );
}

function BackLink() {
  const { t } = useI18n();
  return (
    <Link to="/ota/transfers" style={{ display: 'inline-block', marginBottom: 12 }}>
      <ArrowLeftOutlined /> {t('transfers.back')}
    </Link>
  );
}
