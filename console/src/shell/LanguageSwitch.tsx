import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18n';
import type { Language } from '../i18n/dictionary';

/** 中文 / English; the choice is kept for the next visit. */
export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      aria-label={t('language.switch')}
      size="small"
      value={language}
      onChange={setLanguage}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  );
}
