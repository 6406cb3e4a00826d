import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { BatchState, JobState, VerificationStatus } from './api';
import { BATCH_STATES, JOB_STATES, VERIFICATION_STATUS } from './labels';

export function VerificationTag({ status }: { status: VerificationStatus }) {
  const { t } = useI18n();
  const label = VERIFICATION_STATUS[status];
  return <Tag color={label?.color}>{label ? t(label.key) : t('packages.unknownValue')}</Tag>;
}

/** A batch's state; `reason` is the service's own note on who paused or canceled it. */
export function BatchStateTag({ state, reason }: { state: BatchState; reason?: string | null }) {
  const { t } = useI18n();
  const label = BATCH_STATES[state];
  const tag = <Tag color={label?.color}>{label ? t(label.key) : t('packages.unknownValue')}</Tag>;
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

export function JobStateTag({ state }: { state: JobState }) {
  const { t } = useI18n();
  const label = JOB_STATES[state];
  return <Tag color={label?.color}>{label ? t(label.key) : t('packages.unknownValue')}</Tag>;
}
