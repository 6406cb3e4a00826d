import { http, type Page } from '../../api/http';

/** A notification as notification-service shows it; `token` only in a create's or rotation's answer. */
export interface Notification {
  id: string;
  name: string;
  url: string;
  token?: string;
  tokenHint: string;
  enabled: boolean;
  messageTypes: string[];
  disabledReason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface NotificationInput {
  name?: string;
  url: string;
  token?: string;
  enabled?: boolean;
  messageTypes?: string[];
}

export type NotificationChange = Partial<Omit<NotificationInput, 'token'>>;

export interface MessageTypeInfo {
  type: string;
  description: string;
}

/** An associated upgrade; `status` is the package's now, absent (or DELETED) once it is deleted. */
export interface Association {
  packageId: string;
  packageName: string;
  packageType: string;
  targetVersion: string;
  productKey: string;
  module: string;
  status?: string | null;
  enabled: boolean;
  associatedAt: string;
}

export interface NotificationRecord {
  id: string;
  notificationId: string;
  packageId: string;
  packageName: string;
  batchId: string;
  deviceName?: string;
  messageType: string;
  status: string;
  attempts: number;
  replays: number;
  createdAt: string;
  lastPushAt?: string;
  nextAttemptAt?: string;
  lastStatusCode?: number;
  lastError?: string;
  deliveredAt?: string;
  /** Only in one record's detail: the message exactly as signed and sent. */
  body?: string;
}

/** A package as package-service lists it, as far as the association dialog needs it. */
export interface PackageSummary {
  id: string;
  name: string;
  type: string;
  productKey: string;
  module: string;
  targetVersion: string;
  status: string;
  enabled: boolean;
  createdAt: string;
}

export interface AssociationFilter {
  packageName?: string;
  productKey?: string;
}

export interface RecordFilter {
  packageName?: string;
  status?: string;
  messageType?: string;
}

const BASE = '/api/v1/notifications';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export const notificationsApi = {
  list: (page: number, size: number) => http.get<Page<Notification>>(BASE, { page, size }),
  get: (id: string) => http.get<Notification>(one(id)),
  create: (input: NotificationInput) => http.post<Notification>(BASE, input),
  change: (id: string, change: NotificationChange) => http.patch<Notification>(one(id), change),
  rotateToken: (id: string) => http.post<Notification>(`${one(id)}/token`),
  remove: (id: string) => http.delete(one(id)),
  messageTypes: () => http.get<MessageTypeInfo[]>(`${BASE}/message-types`),

  associations: (id: string, filter: AssociationFilter, page: number, size: number) =>
    http.get<Page<Association>>(`${one(id)}/associations`, { ...filter, page, size }),
  associate: (id: string, productKey: string, packageIds: string[]) =>
    http.post<Association[]>(`${one(id)}/associations`, { productKey, packageIds }),
  dissociate: (id: string, packageId: string) =>
    http.delete(`${one(id)}/associations/${encodeURIComponent(packageId)}`),

  records: (id: string, filter: RecordFilter, page: number, size: number) =>
    http.get<Page<NotificationRecord>>(`${one(id)}/records`, { ...filter, page, size }),
  record: (id: string, recordId: string) =>
    http.get<NotificationRecord>(`${one(id)}/records/${encodeURIComponent(recordId)}`),
  replay: (id: string, recordId: string) =>
    http.post<NotificationRecord>(`${one(id)}/records/${encodeURIComponent(recordId)}/replay`),

  packagesOf: (productKey: string, page: number, size: number) =>
    http.get<Page<PackageSummary>>('/api/v1/packages', { productKey, page, size }),
};
