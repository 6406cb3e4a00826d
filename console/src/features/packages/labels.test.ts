import { MESSAGES } from '../../i18n/messages';
import * as labels from './labels';

/** Every text key the enum maps name, found by walking them (they are not literal t('…') calls). */
function keys(value: unknown): string[] {
  if (typeof value === 'string') return value.startsWith('packages.') ? [value] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(keys);
  return [];
}

describe('packages labels', () => {
  it('name texts that exist in both languages', () => {
    const all = keys(Object.values(labels).filter((v) => typeof v === 'object'));
    expect(all).toHaveLength(36);
    for (const language of ['zh-CN', 'en'] as const)
      expect(all.filter((k) => !(k in MESSAGES[language]))).toEqual([]);
  });

  it('allow batches only after verification or its skip, and verification only before either', () => {
    expect(['UNVERIFIED', 'VERIFYING', 'VERIFIED', 'VERIFY_FAILED', 'VERIFY_SKIPPED'].filter((s) => labels.allowsBatches(s as never))).toEqual([
      'VERIFIED',
      'VERIFY_SKIPPED',
    ]);
    expect(
      ['UNVERIFIED', 'VERIFYING', 'VERIFIED', 'VERIFY_FAILED', 'VERIFY_SKIPPED'].filter((s) => labels.allowsVerification(s as never)),
    ).toEqual(['UNVERIFIED', 'VERIFY_FAILED']);
    expect(labels.isOpen({ state: 'FAILED', retryPending: true })).toBe(true);
    expect(labels.isOpen({ state: 'FAILED', retryPending: false })).toBe(false);
    expect(labels.isOpen({ state: 'QUEUED', retryPending: false })).toBe(true);
  });
});
