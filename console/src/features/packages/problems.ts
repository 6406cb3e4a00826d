import type { FormInstance } from 'antd';
import { ApiError, type FieldProblem } from '../../api/problem';
import { fieldProblemText, showOnFields } from '../../common/problemText';

type Maybe = (key: string) => string | undefined;

/**
 * Like showOnFields, but a device problem (`deviceNames[3]`, `scope.deviceNames[3]`) names the
 * device it is about: the index alone would not tell the operator which of the chosen devices it is.
 * Answers the field problems no field shows.
 */
export function showProblemOnFields(
  form: FormInstance,
  error: unknown,
  maybe: Maybe,
  names: string[],
  devices?: { field: string; names: string[] },
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  if (!devices) return showOnFields(form, error, maybe, names);
  const pattern = new RegExp(`^${devices.field.replace('.', '\\.')}\\[(\\d+)\\]$`);
  const texts: string[] = [];
  const rest: FieldProblem[] = [];
  for (const problem of error.errors) {
    const match = pattern.exec(problem.field);
    if (match) texts.push(`${devices.names[Number(match[1])] ?? problem.field}: ${fieldProblemText(problem, maybe)}`);
    else rest.push(problem);
  }
  const left = showOnFields(form, new ApiError(error.status, error.code, error.title, error.detail, rest), maybe, names);
  if (texts.length) form.setFields([{ name: devices.field, errors: texts }]);
  return left;
}
