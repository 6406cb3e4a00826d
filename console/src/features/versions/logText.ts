import type { Translate } from '../../i18n/I18n';
import type { UpgradeLogEntry } from './api';

/** An entry's kind in words, with the colour of its tag. */
export function kindLabel(kind: string, t: Translate): { text: string; color: string } {
  switch (kind) {
    case 'VERSION_CHANGED':
      return { text: t('versions.log.kind.VERSION_CHANGED'), color: 'blue' };
    case 'UPGRADE_SUCCEEDED':
      return { text: t('versions.log.kind.UPGRADE_SUCCEEDED'), color: 'green' };
    case 'UPGRADE_FAILED':
      return { text: t('versions.log.kind.UPGRADE_FAILED'), color: 'red' };
    case 'UPGRADE_TIMED_OUT':
      return { text: t('versions.log.kind.UPGRADE_TIMED_OUT'), color: 'orange' };
    case 'UPGRADE_CANCELED':
      return { text: t('versions.log.kind.UPGRADE_CANCELED'), color: 'default' };
    default:
      return { text: t('versions.log.kind.other'), color: 'default' };
  }
}

/** What happened, as one sentence. */
export function logSentence(entry: UpgradeLogEntry, t: Translate): string {
  const to = entry.toVersion;
  switch (entry.kind) {
    case 'VERSION_CHANGED':
      return entry.fromVersion
        ? t('versions.log.changed', { from: entry.fromVersion, to })
        : t('versions.log.changedFirst', { to });
    case 'UPGRADE_SUCCEEDED':
      return t('versions.log.succeeded', { to });
    case 'UPGRADE_FAILED':
      return t('versions.log.failed', { to });
    case 'UPGRADE_TIMED_OUT':
      return t('versions.log.timedOut', { to });
    case 'UPGRADE_CANCELED':
      return t('versions.log.canceled', { to });
    default:
      return t('versions.log.otherSentence', { to });
  }
}

/** The device's failure code in words; the inventory reads an unknown code as "other" (-4). */
export function failureText(code: number, t: Translate): string {
  switch (code) {
    case -1:
      return t('versions.log.failure.download');
    case -2:
      return t('versions.log.failure.checksum');
    case -3:
      return t('versions.log.failure.install');
    default:
      return t('versions.log.failure.other');
  }
}

/** An attempt's particulars: the version it started from, which attempt, why it ended so. */
export function attemptDetails(entry: UpgradeLogEntry, t: Translate): string[] {
  if (entry.kind === 'VERSION_CHANGED') return [];
  const parts: string[] = [];
  if (entry.fromVersion) parts.push(t('versions.log.from', { from: entry.fromVersion }));
  if (entry.attempt) parts.push(t('versions.log.attempt', { attempt: entry.attempt }));
  if (entry.failureCode !== null && entry.failureCode !== undefined) parts.push(failureText(entry.failureCode, t));
  if (entry.description) parts.push(entry.description);
  return parts;
}
