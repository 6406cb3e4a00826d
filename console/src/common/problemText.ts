import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from '../api/problem';
import type { Translate } from '../i18n/I18n';

type Maybe = (key: string) => string | undefined;

/** A refused request in the reader's words: the code's own text, else the service's detail. */
export function problemText(error: unknown, t: Translate, maybe: Maybe): string {
  if (!(error instanceof ApiError)) return t('problem.NETWORK');
  return maybe(`problem.${error.code}`) ?? error.detail ?? error.title;
}

/**
 * A refused request with a feature's own words for its code: the text `<feature>.problem.<CODE>`
 * becomes the problem's detail, for the codes a service answers in several tabs with a meaning
 * of the tab's own (a key is defined by one feature only, so such a text cannot be
 * `problem.<CODE>`). A common `problem.<CODE>` text still wins, as {@link problemText} reads it
 * first.
 */
export function inFeatureWords(error: unknown, maybe: Maybe, feature: string): unknown {
  if (!(error instanceof ApiError) || maybe(`problem.${error.code}`)) return error;
  const text = maybe(`${feature}.problem.${error.code}`);
  return text ? new ApiError(error.status, error.code, error.title, text, error.errors) : error;
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
