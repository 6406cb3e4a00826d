/** The enums this tab shows, and their words (keys in messages.ts). */

type Maybe = (key: string) => string | undefined;

/** A record's push status (notifications-api.md, Records). */
export const RECORD_STATUSES = ['PENDING', 'DELIVERED', 'RETRYING', 'FAILED', 'DEAD'] as const;

/** A package's verification status, with DELETED for a package deleted since it was associated. */
export const PACKAGE_STATUSES = [
  'UNVERIFIED',
  'VERIFYING',
  'VERIFIED',
  'VERIFY_FAILED',
  'VERIFY_SKIPPED',
  'DELETED',
] as const;

export const PACKAGE_TYPES = ['FULL', 'DIFF'] as const;

/**
 * The message types this console has words for (webhooks.md). The service may add types later:
 * those show the service's own description until the console learns them.
 */
export const MESSAGE_TYPES = [
  'batch.started',
  'batch.paused',
  'batch.paused-by-abort-rule',
  'batch.resumed',
  'batch.finished',
  'batch.canceled',
  'device.succeeded',
  'device.failed',
  'transfer.accepted',
  'transfer.rejected',
  'transfer.device-succeeded',
  'transfer.device-failed',
  'transfer.device-canceled',
  'transfer.completed',
  'transfer.canceled',
] as const;

/** Modules named by the platform itself; a product's other modules are its own names. */
export const KNOWN_MODULES = ['default', 'mcu'] as const;

export const RECORD_STATUS_COLOR: Record<string, string> = {
  PENDING: 'default',
  DELIVERED: 'success',
  RETRYING: 'warning',
  FAILED: 'error',
  DEAD: 'error',
};

export const PACKAGE_STATUS_COLOR: Record<string, string> = {
  UNVERIFIED: 'default',
  VERIFYING: 'processing',
  VERIFIED: 'success',
  VERIFY_FAILED: 'error',
  VERIFY_SKIPPED: 'cyan',
  DELETED: 'default',
};

export const recordStatusText = (maybe: Maybe, status: string) =>
  maybe(`notifications.recordStatus.${status}`) ?? status;

/** A package's status now; the service answers none for a package deleted since. */
export const packageStatusText = (maybe: Maybe, status: string | null | undefined) =>
  maybe(`notifications.packageStatus.${status ?? 'DELETED'}`) ?? String(status);

export const packageTypeText = (maybe: Maybe, type: string) =>
  maybe(`notifications.packageType.${type}`) ?? type;

export const moduleText = (maybe: Maybe, module: string) =>
  maybe(`notifications.module.${module}`) ?? module;

/** A message type in words; for a type newer than the console, the service's description. */
export const messageTypeText = (maybe: Maybe, type: string, description?: string) =>
  maybe(`notifications.messageType.${type}`) ?? description ?? type;
