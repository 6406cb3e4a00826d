import { App, Switch, Tag } from 'antd';
import { useState } from 'react';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { packagesApi, type Package } from './api';

/** 启用状态: a switch for those who may change it, a tag for viewers. */
export function EnabledSwitch({ pkg, onChanged }: { pkg: Package; onChanged: (pkg: Package) => void }) {
  const { t, maybe } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!canWrite)
    return <Tag color={pkg.enabled ? 'success' : 'default'}>{pkg.enabled ? t('packages.enabled.on') : t('packages.enabled.off')}</Tag>;
  return (
    <Switch
      checked={pkg.enabled}
      loading={busy}
      aria-label={t('packages.enabled.toggle', { name: pkg.name })}
      checkedChildren={t('packages.enabled.on')}
      unCheckedChildren={t('packages.enabled.off')}
      onChange={async (enabled) => {
        setBusy(true);
        try {
          onChanged(await packagesApi.setEnabled(pkg.id, enabled));
          message.success(enabled ? t('packages.enabled.nowOn') : t('packages.enabled.nowOff'));
        } catch (e) {
          message.error(problemText(e, t, maybe));
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}
