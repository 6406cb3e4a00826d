import type { BatchKind, BatchState, Exclusion, JobState, VerificationStatus } from './api';

/*
 * Enum values never reach the screen as they are: each maps to a text key (in messages.ts) and,
 * for states, to the colour of its tag. Keys are built here so that the i18n test can find every
 * one of them in messages.ts by its literal.
 */

export const PACKAGE_TYPES = { FULL: 'packages.type.FULL', DIFF: 'packages.type.DIFF' } as const;

export const VERIFICATION_STATUS: Record<VerificationStatus, { key: string; color: string }> = {
  UNVERIFIED: { key: 'packages.status.UNVERIFIED', color: 'default' },
  VERIFYING: { key: 'packages.status.VERIFYING', color: 'processing' },
  VERIFIED: { key: 'packages.status.VERIFIED', color: 'success' },
  VERIFY_FAILED: { key: 'packages.status.VERIFY_FAILED', color: 'error' },
  VERIFY_SKIPPED: { key: 'packages.status.VERIFY_SKIPPED', color: 'warning' },
};

export const MODES = { PUSH: 'packages.mode.PUSH', PULL: 'packages.mode.PULL' } as const;
export const STRATEGIES = { STATIC: 'packages.strategy.STATIC', DYNAMIC: 'packages.strategy.DYNAMIC' } as const;
export const SCOPES = {
  ALL: 'packages.scope.ALL',
  DEVICES: 'packages.scope.DEVICES',
  GROUP: 'packages.scope.GROUP',
  SHARE: 'packages.scope.SHARE',
} as const;

export const BATCH_KINDS: Record<BatchKind, string> = {
  VERIFY: 'packages.kind.VERIFY',
  BATCH: 'packages.kind.BATCH',
  TRANSFER: 'packages.kind.TRANSFER',
};

export const BATCH_STATES: Record<BatchState, { key: string; color: string }> = {
  SCHEDULED: { key: 'packages.batchState.SCHEDULED', color: 'default' },
  RUNNING: { key: 'packages.batchState.RUNNING', color: 'processing' },
  PAUSED: { key: 'packages.batchState.PAUSED', color: 'warning' },
  COMPLETED: { key: 'packages.batchState.COMPLETED', color: 'success' },
  CANCELED: { key: 'packages.batchState.CANCELED', color: 'default' },
};

export const JOB_STATES: Record<JobState, { key: string; color: string }> = {
  QUEUED: { key: 'packages.jobState.QUEUED', color: 'default' },
  NOTIFIED: { key: 'packages.jobState.NOTIFIED', color: 'cyan' },
  DOWNLOADING: { key: 'packages.jobState.DOWNLOADING', color: 'processing' },
  UPGRADING: { key: 'packages.jobState.UPGRADING', color: 'blue' },
  SUCCEEDED: { key: 'packages.jobState.SUCCEEDED', color: 'success' },
  FAILED: { key: 'packages.jobState.FAILED', color: 'error' },
  TIMED_OUT: { key: 'packages.jobState.TIMED_OUT', color: 'volcano' },
  CANCELED: { key: 'packages.jobState.CANCELED', color: 'default' },
};

export const JOB_STATE_ORDER = Object.keys(JOB_STATES) as JobState[];

export const EXCLUSIONS: Record<Exclusion, string> = {
  ALREADY_ON_TARGET: 'packages.exclusion.ALREADY_ON_TARGET',
  NOT_ON_A_FROM_VERSION: 'packages.exclusion.NOT_ON_A_FROM_VERSION',
  IN_ANOTHER_BATCH: 'packages.exclusion.IN_ANOTHER_BATCH',
  OUTSIDE_SHARE: 'packages.exclusion.OUTSIDE_SHARE',
  UNKNOWN_DEVICE: 'packages.exclusion.UNKNOWN_DEVICE',
};

/**
 * A batch that has not ended may still change (a paused one too: devices already told go on), so
 * it is read again while shown.
 */
export function isLive(state: BatchState): boolean {
  return state === 'SCHEDULED' || state === 'RUNNING' || state === 'PAUSED';
}

/** Whether a job can still be canceled: not ended, or ended with a retry to come. */
export function isOpen(job: { state: JobState; retryPending: boolean }): boolean {
  return !['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELED'].includes(job.state) || job.retryPending;
}

/** Batch upgrades are refused (409 NOT_VERIFIED) unless the package was verified or skipped. */
export function allowsBatches(status: VerificationStatus): boolean {
  return status === 'VERIFIED' || status === 'VERIFY_SKIPPED';
}

/** A verification (and a skip) runs only from these. */
export function allowsVerification(status: VerificationStatus): boolean {
  return status === 'UNVERIFIED' || status === 'VERIFY_FAILED';
}
