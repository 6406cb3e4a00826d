import { LANGUAGES } from '../../i18n/dictionary';
import { MESSAGES } from '../../i18n/messages';
import { KNOWN_MODULES, MESSAGE_TYPES, PACKAGE_STATUSES, PACKAGE_TYPES, RECORD_STATUSES } from './labels';

// the keys below are built from the values, so the literal-key check of i18n/messages.test.ts
// cannot see them: this one does
describe('the words for the enums this tab shows', () => {
  const keys = [
    ...RECORD_STATUSES.map((v) => `notifications.recordStatus.${v}`),
    ...PACKAGE_STATUSES.map((v) => `notifications.packageStatus.${v}`),
    ...PACKAGE_TYPES.map((v) => `notifications.packageType.${v}`),
    ...KNOWN_MODULES.map((v) => `notifications.module.${v}`),
    ...MESSAGE_TYPES.map((v) => `notifications.messageType.${v}`),
    ...['NOTIFICATION_NOT_FOUND', 'RECORD_NOT_FOUND', 'ASSOCIATION_NOT_FOUND', 'NOTIFICATION_DISABLED',
      'ADDRESS_NOT_ALLOWED', 'UNRESOLVABLE_HOST', 'UNKNOWN_PACKAGE', 'PACKAGE_OF_ANOTHER_PRODUCT'].map((c) => `problem.${c}`),
    ...['INVALID_URL', 'UNSUPPORTED_SCHEME', 'USER_INFO_NOT_ALLOWED', 'ADDRESS_NOT_ALLOWED', 'UNRESOLVABLE_HOST',
      'INVALID_TOKEN', 'UNKNOWN_MESSAGE_TYPE', 'UNKNOWN_PACKAGE', 'PACKAGE_OF_ANOTHER_PRODUCT', 'REQUIRED', 'TOO_LONG',
      'TOO_MANY'].map((c) => `field.${c}`),
  ];

  it.each(LANGUAGES)('are all there in %s', (language) => {
    expect(keys.filter((key) => !(key in MESSAGES[language]))).toEqual([]);
  });
});
