import common from './common.messages';
import type { Language, Messages } from './dictionary';
import packages from '../features/packages/messages';
import notifications from '../features/notifications/messages';
import versions from '../features/versions/messages';
import transfers from '../features/transfers/messages';

/** Every text of the console, each feature's part merged; a key appears in one part only. */
export const PARTS: Messages[] = [common, packages, notifications, versions, transfers];

export const MESSAGES: Record<Language, Record<string, string>> = {
  'zh-CN': Object.assign({}, ...PARTS.map((part) => part['zh-CN'])),
  en: Object.assign({}, ...PARTS.map((part) => part.en)),
};
