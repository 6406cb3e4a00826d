/** Answers of notification-service as the docs show them, for the component tests. */
import type { Association, MessageTypeInfo, Notification, NotificationRecord, PackageSummary } from './api';
import { MESSAGE_TYPES } from './labels';

export const MESSAGE_TYPE_LIST: MessageTypeInfo[] = MESSAGE_TYPES.map((type) => ({
  type,
  description: `the service's words for ${type}`,
}));

export function aNotification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n1',
    name: 'ops',
    url: 'https://hooks.example.com/upgrades',
    tokenHint: 'whsec_…a1B2',
    enabled: true,
    messageTypes: ['batch.finished', 'device.failed'],
    createdAt: '2026-11-26T09:05:33.081Z',
    updatedAt: '2026-11-26T09:05:33.081Z',
    ...overrides,
  };
}

export function anAssociation(overrides: Partial<Association> = {}): Association {
  return {
    packageId: 'p1',
    packageName: 'Camera firmware',
    packageType: 'FULL',
    targetVersion: '2.0.0',
    productKey: 'camera',
    module: 'default',
    status: 'VERIFIED',
    enabled: true,
    associatedAt: '2026-11-26T10:00:00Z',
    ...overrides,
  };
}

export function aPackage(overrides: Partial<PackageSummary> = {}): PackageSummary {
  return {
    id: 'p1',
    name: 'Camera firmware',
    type: 'FULL',
    productKey: 'camera',
    module: 'default',
    targetVersion: '2.0.0',
    status: 'UNVERIFIED',
    enabled: true,
    createdAt: '2026-11-26T09:05:33.081Z',
    ...overrides,
  };
}

export function aRecord(overrides: Partial<NotificationRecord> = {}): NotificationRecord {
  return {
    id: 'msg_5f0e8d1c',
    notificationId: 'n1',
    packageId: 'p1',
    packageName: 'Camera firmware',
    batchId: 'b-7Qx2',
    deviceName: 'cam-001',
    messageType: 'device.succeeded',
    status: 'DEAD',
    attempts: 8,
    replays: 0,
    createdAt: '2026-11-27T02:51:21.004Z',
    lastPushAt: '2026-11-28T05:51:21.004Z',
    lastStatusCode: 503,
    lastError: 'the receiver answered 503',
    ...overrides,
  };
}

export const PRODUCTS = {
  items: [{ productKey: 'camera', name: 'Camera', modules: [{ name: 'default' }] }],
  page: 0,
  size: 50,
  total: 1,
};
