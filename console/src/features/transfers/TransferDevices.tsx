import { Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { transfersApi, type DeviceState, type TransferDevice } from './api';
import { DecisionBar } from './DecisionBar';

const NONE = '—';

/**
 * The transfer's devices in one state, a page at a time, searched by name. In the awaiting-review
 * tab a writer selects devices and decides on them (`canDecide`).
 */
export function TransferDevices({
  transferId,
  state,
  awaiting,
  canDecide,
  refreshKey,
  onDecided,
}: {
  transferId: string;
  state: DeviceState;
  awaiting: number;
  canDecide: boolean;
  /** Changes when the transfer's counts moved: the page shown is read again. */
  refreshKey: string;
  onDecided: () => void;
}) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const table = useServerTable(
    (page, size) =>
      transfersApi.devices(transferId, state, name, page, size),
    [transferId, state, name],
  );
  const deciding = canDecide && state === 'AWAITING_REVIEW';

  // the counts moved (a poll, a decision): the page shown is likely stale, read it again in place
  const seen = useRef(refreshKey);
  const { reload } = table;
  useEffect(() => {
    if (seen.current === refreshKey) return;
    seen.current = refreshKey;
    reload();
  }, [refreshKey, reload]);

  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('transfers.device.search')}
          aria-label={t('transfers.device.search')}
          enterButton={t('common.search')}
          style={{ maxWidth: 360 }}
          onSearch={(value) => setName(value.trim())}
        />
      </div>
      {deciding ? (
        <DecisionBar
          transferId={transferId}
          selected={selected}
          awaiting={awaiting}
          onDecided={() => {
            // the decided devices leave this tab; the page is read again once the counts move
            setSelected([]);
            onDecided();
          }}
        />
      ) : null}
      <DataTable<TransferDevice> feature="transfers"
        table={table}
        rowKey="deviceName"
        scroll={{ x: 1000 }}
        rowSelection={
          deciding
            ? {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(String)),
              }
            : undefined
        }
        columns={[
          { title: t('transfers.device.name'), dataIndex: 'deviceName', width: 200 },
          { title: t('transfers.device.decidedBy'), dataIndex: 'decidedBy', width: 140, render: (by: string | null) => by ?? NONE },
          {
            title: t('transfers.device.decidedAt'),
            dataIndex: 'decidedAt',
            width: 180,
            render: (at: string | null) => dateTime(at, language),
          },
          { title: t('transfers.device.job'), dataIndex: 'jobId', width: 160, render: (job: string | null) => job ?? NONE },
          { title: t('transfers.device.description'), dataIndex: 'description', render: (d: string | null) => d ?? NONE },
          {
            title: t('transfers.device.updatedAt'),
            dataIndex: 'updatedAt',
            width: 180,
            render: (at: string) => dateTime(at, language),
          },
        ]}
      />
    </>
  );
}
