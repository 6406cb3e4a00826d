import { Result } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { Package } from './api';
import { FileFacts } from './PackageFacts';

/** What the upload stored, shown right after it: the digests to compare and the signature. */
export function AddPackageResult({ pkg }: { pkg: Package }) {
  const { t } = useI18n();
  return (
    <>
      <Result
        status="success"
        title={t('packages.add.done', { name: pkg.name })}
        subTitle={t('packages.add.doneHint')}
        style={{ padding: '16px 0' }}
      />
      <FileFacts pkg={pkg} />
    </>
  );
}
