import type { FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError, type FieldProblem } from '../../api/problem';
import { showOnFields } from '../../common/problemText';
import { useI18n } from '../../i18n/I18n';

/**
 * A form's refused request: its field problems go on the fields named, and the alert says what is
 * left. A problem whose every field error is already on a field needs no alert saying it again.
 */
export function useFormProblem(form: FormInstance, names: string[]) {
  const { maybe } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [left, setLeft] = useState<FieldProblem[]>([]);
  const show = (e: unknown) => {
    setLeft(showOnFields(form, e, maybe, names));
    setError(e);
  };
  const clear = () => {
    setError(null);
    setLeft([]);
  };
  const onFields = error instanceof ApiError && error.errors.length > 0 && left.length === 0;
  return { error: onFields ? null : error, left, show, clear };
}
