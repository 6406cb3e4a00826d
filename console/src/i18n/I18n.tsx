import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { format, initialLanguage, type Language } from './dictionary';
import { MESSAGES } from './messages';

const STORAGE_KEY = 'upgradehub.language';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** The key's text, or undefined when there is none (for texts chosen by a server code). */
  maybe: (key: string, values?: Record<string, string | number>) => string | undefined;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setLanguageState] = useState<Language>(
    () => fixed ?? initialLanguage(localStorage.getItem(STORAGE_KEY)),
  );
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const dictionary = MESSAGES[language];
    const maybe = (key: string, values?: Record<string, string | number>) =>
      key in dictionary ? format(dictionary[key], values) : undefined;
    // a missing key shows itself, so that a test of the page finds it
    const t: Translate = (key, values) => maybe(key, values) ?? key;
    return { language, setLanguage, t, maybe };
  }, [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
