import { Select } from 'antd';
import { useI18n } from '../../i18n/I18n';

/**
 * From-versions: picked among `choices` when the package names them (a verification or batch of
 * such a package may only use a subset), else typed freely as tags (Enter, comma or space).
 */
export function FromVersionsSelect({
  value,
  onChange,
  choices,
  id,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  choices?: string[];
  id?: string;
}) {
  const { t } = useI18n();
  const pick = !!choices && choices.length > 0;
  return (
    <Select
      id={id}
      mode={pick ? 'multiple' : 'tags'}
      value={value}
      onChange={(next: string[]) => onChange?.([...new Set(next.map((v) => v.trim()).filter(Boolean))])}
      options={pick ? choices.map((v) => ({ value: v, label: v })) : []}
      tokenSeparators={pick ? undefined : [',', ' ']}
      placeholder={pick ? t('packages.fromVersions.pick') : t('packages.fromVersions.type')}
      notFoundContent={pick ? undefined : null}
      suffixIcon={pick ? undefined : null}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
