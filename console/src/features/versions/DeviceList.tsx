import { Button, Input } from 'antd';
import { useState } from 'react';
import { DataTable } from '../../common/DataTable';
import { dateTime } from '../../common/format';
import type { Product } from '../../common/ProductSelect';
import { useServerTable } from '../../common/useServerTable';
import { useI18n } from '../../i18n/I18n';
import { versionsApi, type Device } from './api';
import { MCU_MODULE } from './modules';
import { UpgradeLogDrawer } from './UpgradeLogDrawer';

const NONE = '—';

/** 设备列表: the product's devices with their versions and upgrade counters, searched by name. */
export function DeviceList({ product }: { product: Product }) {
  const { t, language } = useI18n();
  const [name, setName] = useState('');
  const [logOf, setLogOf] = useState<string>();
  const productKey = product.productKey;
  const hasMcu = product.modules.some((m) => m.name === MCU_MODULE);
  const table = useServerTable(
    (page, size) =>
      versionsApi.devices(productKey, name, page, size),
    [productKey, name],
  );

  return (
    <>
      <div className="toolbar">
        <Input.Search
          allowClear
          placeholder={t('versions.device.search')}
          aria-label={t('versions.device.search')}
          enterButton={t('common.search')}
          style={{ maxWidth: 360 }}
          onSearch={(value) => setName(value.trim())}
        />
      </div>
      <DataTable<Device> feature="versions"
        table={table}
        rowKey="deviceName"
        scroll={{ x: 1000 }}
        columns={[
          { title: t('versions.device.name'), dataIndex: 'deviceName', fixed: 'left', width: 200 },
          { title: t('versions.device.firmware'), dataIndex: 'moduleFirmwareVersion', render: (v: string | null) => v ?? NONE },
          {
            title: t('versions.device.mcu'),
            dataIndex: 'mcuVersion',
            // a product without an MCU module has no MCU version to show, whatever a device says
            render: (v: string | null) => (hasMcu && v ? v : NONE),
          },
          {
            title: t('versions.device.updatedAt'),
            dataIndex: 'versionUpdatedAt',
            width: 180,
            render: (at: string | null) => dateTime(at, language),
          },
          { title: t('versions.device.upgrades'), dataIndex: 'totalUpgrades', align: 'right', width: 120 },
          { title: t('versions.device.failures'), dataIndex: 'totalFailures', align: 'right', width: 120 },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 110,
            render: (_, device) => (
              <Button type="link" size="small" onClick={() => setLogOf(device.deviceName)}>
                {t('versions.device.log')}
              </Button>
            ),
          },
        ]}
      />
      <UpgradeLogDrawer productKey={productKey} deviceName={logOf} onClose={() => setLogOf(undefined)} />
    </>
  );
}
