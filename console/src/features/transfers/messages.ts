import type { Messages } from '../../i18n/dictionary';

const transfers: Messages = { 'zh-CN': {}, en: {} };
export default transfers;
