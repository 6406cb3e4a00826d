import type { Language } from '../i18n/dictionary';

/** A date and time in the reader's language and time zone; '—' for none. */
export function dateTime(iso: string | null | undefined, language: Language): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

/** A size in bytes, in binary units: 5242880 → "5.0 MiB". */
export function bytes(size: number | null | undefined): string {
  if (size === null || size === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} ${units[0]}` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A share as a percentage with one decimal: 0.4567 → "45.7%". */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
