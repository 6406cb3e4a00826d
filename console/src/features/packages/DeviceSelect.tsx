import { Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/I18n';
import { deviceVersion, packagesApi, type Device } from './api';

/**
 * Devices of a product, searched on the server by any part of the name (a product can have
 * millions); each option shows the device's version of the package's module, which tells whether
 * it can take the package.
 */
export function DeviceSelect({
  productKey,
  module,
  value,
  onChange,
  id,
}: {
  productKey: string;
  module: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [devices, setDevices] = useState<Device[]>([]);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      packagesApi
        .devices(productKey, search.trim())
        .then((page) => {
          if (!live) return;
          setDevices(page.items);
          setFailed(false);
        })
        .catch(() => live && (setDevices([]), setFailed(true)))
        .finally(() => live && setLoading(false));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [productKey, search]);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={loading}
      placeholder={t('packages.devices.search')}
      notFoundContent={loading ? t('common.loading') : failed ? t('common.loadFailed') : t('common.empty')}
      style={{ width: '100%' }}
      tagRender={({ value: name, closable, onClose }) => (
        <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
          {String(name)}
        </Tag>
      )}
      options={devices.map((d) => ({
        value: d.deviceName,
        label: (
          <Space size={4}>
            {d.deviceName}
            <Typography.Text type="secondary">
              {deviceVersion(d, module) ?? t('packages.devices.noVersion')}
            </Typography.Text>
            {d.online === false ? <Tag>{t('packages.devices.offline')}</Tag> : null}
          </Space>
        ),
      }))}
    />
  );
}
