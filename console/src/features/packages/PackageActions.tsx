import { App, Button, Popconfirm, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { problemText } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';
import { useSession } from '../../session/Session';
import { packagesApi, type Package } from './api';
import { allowsBatches } from './labels';

/** Why a verification cannot start now, as a text key; undefined when it can. */
export function verifyBlocked(pkg: Package): string | undefined {
  if (!pkg.enabled) return 'packages.reason.disabled';
  switch (pkg.status) {
    case 'VERIFYING':
      return 'packages.verify.running';
    case 'VERIFIED':
      return 'packages.verify.alreadyVerified';
    case 'VERIFY_SKIPPED':
      return 'packages.verify.skipped';
    default:
      return undefined;
  }
}

/** Why a batch upgrade cannot start now, as a text key; undefined when it can. */
export function batchBlocked(pkg: Package): string | undefined {
  if (!pkg.enabled) return 'packages.reason.disabled';
  return allowsBatches(pkg.status) ? undefined : 'problem.NOT_VERIFIED';
}

/**
 * A package's actions: 验证升级, 批量升级, 详情, 删除. Viewers get 详情 only; an action the package's
 * state rules out is disabled and says why.
 */
export function PackageActions({
  pkg,
  onVerify,
  onBatch,
  onDeleted,
  details = false,
  buttons = false,
}: {
  pkg: Package;
  onVerify: () => void;
  onBatch: () => void;
  onDeleted: () => void;
  /** Whether to link the details (the list does, the details page does not). */
  details?: boolean;
  /** Buttons (details page) rather than links (a table row). */
  buttons?: boolean;
}) {
  const { t, maybe } = useI18n();
  const { canWrite } = useSession();
  const { message } = App.useApp();
  const [deleting, setDeleting] = useState(false);
  const type = buttons ? 'default' : 'link';
  const size = buttons ? 'middle' : 'small';
  const action = (label: string, blocked: string | undefined, onClick: () => void, primary = false) => (
    <Tooltip title={blocked ? t(blocked) : undefined}>
      <Button type={primary && buttons ? 'primary' : type} size={size} disabled={!!blocked} onClick={onClick} style={buttons ? undefined : { padding: 0 }}>
        {label}
      </Button>
    </Tooltip>
  );
  const remove = async () => {
    setDeleting(true);
    try {
      await packagesApi.remove(pkg.id);
      message.success(t('packages.deleted', { name: pkg.name }));
      onDeleted();
    } catch (e) {
      message.error(problemText(e, t, maybe));
    } finally {
      setDeleting(false);
    }
  };
  return (
    <Space size={buttons ? 8 : 12} wrap={buttons}>
      {canWrite ? action(t('packages.action.verify'), verifyBlocked(pkg), onVerify) : null}
      {canWrite ? action(t('packages.action.batch'), batchBlocked(pkg), onBatch, true) : null}
      {details ? <Link to={`/ota/packages/${encodeURIComponent(pkg.id)}`}>{t('packages.action.details')}</Link> : null}
      {canWrite ? (
        <Popconfirm
          title={t('packages.deleteConfirmTitle')}
          description={t('packages.deleteConfirm', { name: pkg.name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true, loading: deleting }}
          cancelText={t('common.cancel')}
          onConfirm={remove}
        >
          <Button type={type} size={size} danger style={buttons ? undefined : { padding: 0 }}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
