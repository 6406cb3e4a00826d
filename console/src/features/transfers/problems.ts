import { ApiError, type FieldProblem } from '../../api/problem';
import type { Translate } from '../../i18n/I18n';
import { DEVICE_STATES } from './api';
import { stateLabel } from './labels';

/**
 * A refused decision's field errors, told by device: `deviceNames[3]` is the fourth name sent,
 * and the code is the device's state (DECISION_CONFLICT) or UNKNOWN (not a device of the transfer).
 */
export function decisionFields(error: unknown, sent: string[], t: Translate): FieldProblem[] | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.errors.map((problem) => {
    const index = /^deviceNames\[(\d+)]$/.exec(problem.field);
    const name = index ? sent[Number(index[1])] : undefined;
    if (!name) return problem;
    // an empty code: the words are ours, not a `field.<CODE>` text
    if (problem.code === 'UNKNOWN') return { field: name, code: '', message: t('transfers.conflict.unknown') };
    if ((DEVICE_STATES as readonly string[]).includes(problem.code)) {
      return { field: name, code: '', message: t('transfers.conflict.state', { state: stateLabel(problem.code, t).text }) };
    }
    return { ...problem, field: name };
  });
}
