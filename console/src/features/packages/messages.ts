import type { Messages } from '../../i18n/dictionary';

const packages: Messages = { 'zh-CN': {}, en: {} };
export default packages;
