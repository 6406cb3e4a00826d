import { Descriptions, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { bytes, dateTime } from '../../common/format';
import { useI18n } from '../../i18n/I18n';
import type { Package } from './api';
import { PACKAGE_TYPES } from './labels';
import { VerificationTag } from './StateTags';

function Copyable({ text }: { text: string | null | undefined }) {
  const { t } = useI18n();
  if (!text) return <>—</>;
  return (
    <Typography.Text code copyable={{ text, tooltips: [t('common.copy'), t('common.copied')] }} style={{ wordBreak: 'break-all' }}>
      {text}
    </Typography.Text>
  );
}

/** The file as stored: size, digests and signature, each copyable for checking a download. */
export function FileFacts({ pkg, column = 1 }: { pkg: Package; column?: number }) {
  const { t } = useI18n();
  return (
    <Descriptions bordered size="small" column={column} styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}>
      <Descriptions.Item label={t('packages.field.size')}>
        {bytes(pkg.size)} <Typography.Text type="secondary">({t('packages.bytesExact', { bytes: pkg.size })})</Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="SHA-256">
        <Copyable text={pkg.sha256} />
      </Descriptions.Item>
      <Descriptions.Item label="MD5">
        <Copyable text={pkg.md5} />
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.signature')}>
        <Copyable text={pkg.signature} />
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.signatureAlgorithm')}>{pkg.signatureAlgorithm || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.signingKeyId')}>
        <Copyable text={pkg.signingKeyId} />
      </Descriptions.Item>
    </Descriptions>
  );
}

/** What the package is: the fields given at upload and its state. */
export function PackageFacts({ pkg, extra }: { pkg: Package; extra?: ReactNode }) {
  const { t, language } = useI18n();
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} extra={extra} styles={{ label: { whiteSpace: 'nowrap' } }}>
      <Descriptions.Item label={t('packages.field.name')}>{pkg.name}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.type')}>{t(PACKAGE_TYPES[pkg.type] ?? 'packages.unknownValue')}</Descriptions.Item>
      <Descriptions.Item label={t('common.product')}>{pkg.productKey}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.module')}>
        <ModuleName module={pkg.module} />
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.targetVersion')}>{pkg.targetVersion}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.fromVersions')}>
        <FromVersions versions={pkg.fromVersions} />
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.status')}>
        <Space size={4} wrap>
          <VerificationTag status={pkg.status} />
          {pkg.statusAt ? <Typography.Text type="secondary">{dateTime(pkg.statusAt, language)}</Typography.Text> : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.enabled')}>
        {pkg.enabled ? t('packages.enabled.on') : t('packages.enabled.off')}
      </Descriptions.Item>
      <Descriptions.Item label={t('packages.field.createdAt')}>{dateTime(pkg.createdAt, language)}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.updatedAt')}>{dateTime(pkg.updatedAt, language)}</Descriptions.Item>
      <Descriptions.Item label={t('packages.field.description')} span={2}>
        {pkg.description || '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

/** `default` is the module firmware; other modules show by name. */
export function ModuleName({ module }: { module: string }) {
  const { t } = useI18n();
  return <>{module === 'default' ? t('packages.module.default') : module}</>;
}

/** From-versions in words: an empty list means any version (FULL packages). */
export function FromVersions({ versions }: { versions: string[] }) {
  const { t } = useI18n();
  if (!versions || versions.length === 0) return <Typography.Text type="secondary">{t('packages.fromVersions.any')}</Typography.Text>;
  return <>{versions.join(', ')}</>;
}
