import { inFeatureWords } from '../../common/problemText';

type Maybe = (key: string) => string | undefined;

/**
 * Inventory's codes (PRODUCT_NOT_FOUND, DEVICE_NOT_FOUND, UNKNOWN_MODULE) are answered to other
 * tabs too, so their texts live under `versions.problem.*`.
 */
export const inWords = (error: unknown, maybe: Maybe) => inFeatureWords(error, maybe, 'versions');
