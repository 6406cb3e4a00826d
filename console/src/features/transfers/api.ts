import { http, type Page } from '../../api/http';

export const TRANSFER_STATUSES = ['AWAITING_REVIEW', 'IN_PROGRESS', 'COMPLETED', 'REJECTED', 'CANCELED'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** A device's states, in the order a device goes through them (the tabs' order). */
export const DEVICE_STATES = ['AWAITING_REVIEW', 'PENDING', 'UPGRADING', 'SUCCEEDED', 'FAILED', 'REJECTED', 'CANCELED'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

export interface Decision {
  /** ACCEPT, REJECT or CANCEL */
  action: string;
  all: boolean;
  requested: number;
  changed: number;
  by: string;
  at: string;
}

export interface UpgradeSettings {
  ratePerMinute: number;
  retry: { count: number; intervalSeconds: number };
  timeoutMinutes: number;
  /** PUSH or PULL */
  mode: string;
  abort: { failurePercent: number; minFinished: number } | null;
}

export interface Transfer {
  id: string;
  source: string;
  productKey: string;
  productName: string;
  module: string;
  startVersion: string;
  targetVersion: string;
  packageId: string | null;
  packageName: string | null;
  upgrade: UpgradeSettings;
  status: TransferStatus;
  devices: number;
  counts: Partial<Record<DeviceState, number>>;
  decisions: Decision[];
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface TransferDevice {
  deviceName: string;
  state: DeviceState;
  decidedBy: string | null;
  decidedAt: string | null;
  jobId: string | null;
  description: string | null;
  updatedAt: string;
}

export interface TransferFilter {
  status?: string;
  productName?: string;
  productKey?: string;
}

/** Which devices a decision is about: those named, or every one awaiting review now. */
export type DecisionTarget = { deviceNames: string[] } | { all: true };

const transfers = '/api/v1/transfers';
const transfer = (id: string) => `${transfers}/${encodeURIComponent(id)}`;

export const transfersApi = {
  list: (filter: TransferFilter, page: number, size: number) =>
    http.get<Page<Transfer>>(transfers, { ...filter, page, size }),
  get: (id: string) => http.get<Transfer>(transfer(id)),
  devices: (id: string, state: DeviceState, deviceName: string, page: number, size: number) =>
    http.get<Page<TransferDevice>>(`${transfer(id)}/devices`, { state, deviceName, page, size }),
  accept: (id: string, target: DecisionTarget) => http.post<Transfer>(`${transfer(id)}/accept`, target),
  reject: (id: string, target: DecisionTarget) => http.post<Transfer>(`${transfer(id)}/reject`, target),
  cancel: (id: string) => http.post<Transfer>(`${transfer(id)}/cancel`),
};

/** Whether decisions and a cancel may still change it: it has not ended. */
export function isOpen(status: TransferStatus): boolean {
  return status === 'AWAITING_REVIEW' || status === 'IN_PROGRESS';
}
