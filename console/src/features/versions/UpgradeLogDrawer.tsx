import { Drawer, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { versionsApi, type UpgradeLogEntry } from './api';
import { attemptDetails, kindLabel, logSentence } from './logText';
import { moduleLabel } from './modules';

/** 升级日志: a device's version changes and upgrade attempts, newest first, a page at a time. */
export function UpgradeLogDrawer({
  productKey,
  deviceName,
  onClose,
}: {
  productKey: string;
  /** The device whose log is open; none closes the drawer. */
  deviceName: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={deviceName !== undefined}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={deviceName ? t('versions.log.title', { device: deviceName }) : undefined}
    >
      {deviceName ? <UpgradeLog productKey={productKey} deviceName={deviceName} /> : null}
    </Drawer>
  );
}

function UpgradeLog({ productKey, deviceName }: { productKey: string; deviceName: string }) {
  const { t, language } = useI18n();
  const table = useServerTable(
    (page, size) =>
      versionsApi.upgradeLog(productKey, deviceName, page, size),
    [productKey, deviceName],
  );
  return (
    <DataTable<UpgradeLogEntry> feature="versions"
      table={table}
      rowKey={(entry) => `${entry.at}|${entry.kind}|${entry.module}|${entry.jobId ?? ''}|${entry.attempt ?? ''}|${entry.toVersion}`}
      size="small"
      columns={[
        { title: t('versions.log.at'), dataIndex: 'at', width: 170, render: (at: string) => dateTime(at, language) },
        {
          title: t('versions.log.event'),
          dataIndex: 'kind',
          width: 110,
          render: (kind: string) => {
            const label = kindLabel(kind, t);
            return <Tag color={label.color}>{label.text}</Tag>;
          },
        },
        { title: t('versions.log.module'), dataIndex: 'module', width: 100, render: (m: string) => moduleLabel(m, t) },
        {
          title: t('versions.log.what'),
          key: 'what',
          render: (_, entry) => {
            const details = attemptDetails(entry, t);
            return (
              <Flex vertical>
                <span>{logSentence(entry, t)}</span>
                {details.length > 0 ? <Typography.Text type="secondary">{details.join(' · ')}</Typography.Text> : null}
                {entry.packageId && entry.batchId ? (
                  <Link to={`/ota/packages/${encodeURIComponent(entry.packageId)}?batch=${encodeURIComponent(entry.batchId)}`}>
                    {t('versions.log.batch')}
                  </Link>
                ) : null}
              </Flex>
            );
          },
        },
      ]}
    />
  );
}
