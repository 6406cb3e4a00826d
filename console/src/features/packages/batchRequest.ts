import type { BatchRequest, NotificationMode, ScopeType, Strategy } from './api';

/** A date picker's value: only what the request needs of it. */
export interface Instant {
  toISOString(): string;
  valueOf(): number;
}

/**
 * The batch form's values. Names are the request's field paths (`scope.percent`) so that the
 * service's field problems land on the fields as they are named.
 */
export interface BatchValues {
  fromVersions: string[];
  strategy: Strategy;
  'scope.type': ScopeType;
  'scope.deviceNames'?: string[];
  'scope.tag'?: string;
  'scope.percent'?: number | null;
  timing: 'NOW' | 'SCHEDULED';
  'schedule.startAt'?: Instant | null;
  'schedule.endAt'?: Instant | null;
  'retry.count': number;
  'retry.intervalSeconds': number;
  timeoutMinutes: number;
  ratePerMinute: number;
  mode: NotificationMode;
  abortOn: boolean;
  'abort.failurePercent'?: number | null;
  'abort.minFinished'?: number | null;
}

export const BATCH_DEFAULTS: BatchValues = {
  fromVersions: [],
  strategy: 'STATIC',
  'scope.type': 'ALL',
  'scope.deviceNames': [],
  timing: 'NOW',
  'retry.count': 0,
  'retry.intervalSeconds': 300,
  timeoutMinutes: 60,
  ratePerMinute: 1000,
  mode: 'PUSH',
  abortOn: false,
  'abort.minFinished': 1,
};

/** The form's field names that the service's field problems can name. */
export const BATCH_FIELDS = [
  'fromVersions',
  'strategy',
  'scope.type',
  'scope.deviceNames',
  'scope.tag',
  'scope.percent',
  'schedule.startAt',
  'schedule.endAt',
  'retry.count',
  'retry.intervalSeconds',
  'timeoutMinutes',
  'ratePerMinute',
  'mode',
  'abort.failurePercent',
  'abort.minFinished',
];

/** The body of both the preview and the batch: only the scope's own field, no empty schedule. */
export function batchRequest(v: BatchValues): BatchRequest {
  const type = v['scope.type'];
  const scope: BatchRequest['scope'] = { type };
  if (type === 'DEVICES') scope.deviceNames = v['scope.deviceNames'] ?? [];
  if (type === 'GROUP') scope.tag = v['scope.tag']?.trim();
  if (type === 'SHARE') scope.percent = v['scope.percent'] ?? undefined;
  const startAt = v.timing === 'SCHEDULED' ? v['schedule.startAt']?.toISOString() : undefined;
  const endAt = v['schedule.endAt']?.toISOString();
  return {
    fromVersions: v.fromVersions,
    strategy: v.strategy,
    scope,
    ...(startAt || endAt ? { schedule: { ...(startAt ? { startAt } : {}), ...(endAt ? { endAt } : {}) } } : {}),
    ratePerMinute: v.ratePerMinute,
    retry: { count: v['retry.count'], intervalSeconds: v['retry.intervalSeconds'] },
    timeoutMinutes: v.timeoutMinutes,
    mode: v.mode,
    ...(v.abortOn
      ? { abort: { failurePercent: v['abort.failurePercent'] ?? 0, minFinished: v['abort.minFinished'] ?? 1 } }
      : {}),
  };
}
