import { Alert } from 'antd';
import { ApiError, type FieldProblem } from '../api/problem';
import { useI18n } from '../i18n/I18n';
import { fieldProblemText, problemText } from './problemText';

/**
 * A refused request shown in words: what went wrong and, for field errors no form field shows,
 * which field and why. Never the raw problem JSON.
 */
export function ProblemAlert({
  error,
  fields,
  onRetry,
  feature,
}: {
  error: unknown;
  /** The feature whose `<feature>.problem.<CODE>` texts come first. */
  feature?: string;
  /** The field errors to list; by default all of the problem's. */
  fields?: FieldProblem[];
  onRetry?: () => void;
}) {
  const { t, maybe } = useI18n();
  if (!error) return null;
  const list = fields ?? (error instanceof ApiError ? error.errors : []);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problemText(error, t, maybe, feature)}
      description={
        list.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {list.map((f) => (
              <li key={f.field + f.code}>
                <code>{f.field}</code>: {fieldProblemText(f, maybe)}
              </li>
            ))}
          </ul>
        ) : undefined
      }
      action={onRetry ? <a onClick={onRetry}>{t('common.retry')}</a> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
