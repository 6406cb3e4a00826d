import type { Messages } from '../../i18n/dictionary';

const notifications: Messages = { 'zh-CN': {}, en: {} };
export default notifications;
