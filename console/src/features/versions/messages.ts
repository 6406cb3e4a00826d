import type { Messages } from '../../i18n/dictionary';

const versions: Messages = { 'zh-CN': {}, en: {} };
export default versions;
