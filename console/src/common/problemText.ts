import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from '../api/problem';
import type { Translate } from '../i18n/I18n';

type Maybe = (key: string) => string | undefined;

/**
 * A refused request in the reader's words: the feature's own text for the code, where a service
 * answers it in several tabs with a meaning of each tab's own (`transfers.problem.UNKNOWN_DEVICES`:
 * not in the transfer, where packages says: not in the product); else the code's common text; else
 * the service's detail.
 */
export function problemText(error: unknown, t: Translate, maybe: Maybe, feature?: string): string {
  if (!(error instanceof ApiError)) return t('problem.NETWORK');
  return (
    (feature ? maybe(`${feature}.problem.${error.code}`) : undefined) ??
    maybe(`problem.${error.code}`) ??
    error.detail ??
    error.title
  );
}

/** One field's problem in words: the field code's text when there is one, else the message. */
export function fieldProblemText(problem: FieldProblem, maybe: Maybe): string {
  return maybe(`field.${problem.code}`) ?? problem.message;
}

/**
 * Puts a problem's field errors on the form's fields that carry those names, and answers the
 * field errors that no field of the form shows (they belong in the problem alert).
 */
export function showOnFields(
  form: FormInstance,
  error: unknown,
  maybe: Maybe,
  names: string[],
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const left: FieldProblem[] = [];
  const byField = new Map<string, string[]>();
  for (const problem of error.errors) {
    const name = names.find((n) => problem.field === n || problem.field.startsWith(n + '.') || problem.field.startsWith(n + '['));
    if (!name) {
      left.push(problem);
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), fieldProblemText(problem, maybe)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return left;
}
