import { Descriptions, Tag } from 'antd';
import { Link } from 'react-router';
import { dateTime } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { Transfer } from './api';
import { modeLabel, statusLabel } from './labels';

/** The transfer itself: where it came from, what it upgrades to, and how. */
export function TransferSummary({ transfer }: { transfer: Transfer }) {
  const { t, language } = useI18n();
  const status = statusLabel(transfer.status, t);
  const { upgrade } = transfer;
  const module =
    transfer.module === 'default'
      ? t('transfers.module.default')
      : transfer.module === 'mcu'
        ? t('transfers.module.mcu')
        : transfer.module;

  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'id', label: t('transfers.col.id'), children: transfer.id },
          { key: 'status', label: t('transfers.col.status'), children: <Tag color={status.color}>{status.text}</Tag> },
          { key: 'source', label: t('transfers.source'), children: transfer.source },
          { key: 'productName', label: t('transfers.col.productName'), children: transfer.productName },
          { key: 'productKey', label: t('transfers.col.productKey'), children: transfer.productKey },
          { key: 'module', label: t('transfers.module'), children: module },
          { key: 'startVersion', label: t('transfers.col.startVersion'), children: transfer.startVersion },
          { key: 'targetVersion', label: t('transfers.col.targetVersion'), children: transfer.targetVersion },
          {
            key: 'package',
            label: t('transfers.package'),
            children: transfer.packageId ? (
              // the transfer's TRANSFER batch has the transfer's id: the package page opens on it
              <Link to={`/ota/packages/${encodeURIComponent(transfer.packageId)}?batch=${encodeURIComponent(transfer.id)}`}>
                {transfer.packageName ?? t('transfers.packageLink')}
              </Link>
            ) : (
              (transfer.packageName ?? '—')
            ),
          },
          { key: 'devices', label: t('transfers.deviceTotal'), children: transfer.devices },
          { key: 'createdAt', label: t('transfers.col.createdAt'), children: dateTime(transfer.createdAt, language) },
          { key: 'createdBy', label: t('transfers.createdBy'), children: transfer.createdBy },
          { key: 'updatedAt', label: t('transfers.updatedAt'), children: dateTime(transfer.updatedAt, language) },
        ]}
      />
      <Descriptions
        title={t('transfers.upgrade.title')}
        size="small"
        bordered
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'rate', label: t('transfers.upgrade.rate'), children: t('transfers.upgrade.rateValue', { rate: upgrade.ratePerMinute }) },
          {
            key: 'retry',
            label: t('transfers.upgrade.retry'),
            children:
              upgrade.retry.count > 0
                ? t('transfers.upgrade.retryValue', { count: upgrade.retry.count, seconds: upgrade.retry.intervalSeconds })
                : t('transfers.upgrade.noRetry'),
          },
          {
            key: 'timeout',
            label: t('transfers.upgrade.timeout'),
            children: t('transfers.upgrade.timeoutValue', { minutes: upgrade.timeoutMinutes }),
          },
          { key: 'mode', label: t('transfers.upgrade.mode'), children: modeLabel(upgrade.mode, t) },
          {
            key: 'abort',
            label: t('transfers.upgrade.abort'),
            children: upgrade.abort
              ? t('transfers.upgrade.abortValue', {
                  percent: upgrade.abort.failurePercent,
                  finished: upgrade.abort.minFinished,
                })
              : t('transfers.upgrade.noAbort'),
          },
        ]}
      />
    </>
  );
}
