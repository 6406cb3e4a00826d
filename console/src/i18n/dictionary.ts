/** The console's languages; zh-CN labels are the spec's own. */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A part of the console's texts in both languages; every key must exist in both. */
export type Messages = Record<Language, Record<string, string>>;

/** The language to start in: the one saved, else the browser's, else Chinese. */
export function initialLanguage(
  saved: string | null,
  browser: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  if (saved === 'zh-CN' || saved === 'en') return saved;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

/** Replaces `{name}` placeholders with the values given. */
export function format(text: string, values?: Record<string, string | number>): string {
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
