import type { Product } from '../../common/ProductSelect';
import type { Translate } from '../../i18n/I18n';

/** The module firmware: every product has it (inventory adds it when missing). */
export const DEFAULT_MODULE = 'default';
/** The module whose version the device list shows as the MCU software version. */
export const MCU_MODULE = 'mcu';

/** The product's modules, the module firmware first, the rest in the product's order. */
export function modulesOf(product: Product): string[] {
  const names = product.modules.map((m) => m.name).filter((name) => name !== DEFAULT_MODULE);
  return [DEFAULT_MODULE, ...names];
}

/** A module in words: the two the spec names by their role, any other by its own name. */
export function moduleLabel(name: string, t: Translate): string {
  if (name === DEFAULT_MODULE) return t('versions.module.default');
  if (name === MCU_MODULE) return t('versions.module.mcu');
  return name;
}
