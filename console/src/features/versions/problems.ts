import { ApiError } from '../../api/problem';

type Maybe = (key: string) => string | undefined;

/**
 * Inventory's codes (PRODUCT_NOT_FOUND, DEVICE_NOT_FOUND, UNKNOWN_MODULE) are answered to other
 * tabs too, so their texts live under `versions.problem.*` rather than as `problem.*` keys another
 * feature might also define (the console refuses a key defined twice). A `problem.<CODE>` text,
 * once common defines one, still wins: ProblemAlert reads it before the detail put here.
 */
export function inWords(error: unknown, maybe: Maybe): unknown {
  if (!(error instanceof ApiError) || maybe(`problem.${error.code}`)) return error;
  const text = maybe(`versions.problem.${error.code}`);
  return text ? new ApiError(error.status, error.code, error.title, text, error.errors) : error;
}
