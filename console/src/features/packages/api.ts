import { http, type Page } from '../../api/http';
import { upload } from '../../api/upload';

export type PackageType = 'FULL' | 'DIFF';
export type VerificationStatus = 'UNVERIFIED' | 'VERIFYING' | 'VERIFIED' | 'VERIFY_FAILED' | 'VERIFY_SKIPPED';
export type NotificationMode = 'PUSH' | 'PULL';
export type Strategy = 'STATIC' | 'DYNAMIC';
export type ScopeType = 'ALL' | 'DEVICES' | 'GROUP' | 'SHARE';
export type BatchKind = 'VERIFY' | 'BATCH' | 'TRANSFER';
export type BatchState = 'SCHEDULED' | 'RUNNING' | 'PAUSED' | 'COMPLETED' | 'CANCELED';
export type JobState =
  | 'QUEUED'
  | 'NOTIFIED'
  | 'DOWNLOADING'
  | 'UPGRADING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'TIMED_OUT'
  | 'CANCELED';
export type Exclusion =
  | 'ALREADY_ON_TARGET'
  | 'NOT_ON_A_FROM_VERSION'
  | 'IN_ANOTHER_BATCH'
  | 'OUTSIDE_SHARE'
  | 'UNKNOWN_DEVICE';

/** A package as package-service answers it (docs/packages-api.md). */
export interface Package {
  id: string;
  name: string;
  type: PackageType;
  productKey: string;
  module: string;
  targetVersion: string;
  fromVersions: string[];
  description: string | null;
  status: VerificationStatus;
  statusAt: string | null;
  enabled: boolean;
  size: number;
  sha256: string;
  md5: string;
  signature: string;
  signatureAlgorithm: string;
  signingKeyId: string;
  createdAt: string;
  updatedAt: string;
}

/** The `metadata` part of an upload. */
export interface NewPackage {
  name: string;
  type: PackageType;
  productKey: string;
  module: string;
  targetVersion: string;
  fromVersions: string[];
  description?: string;
}

export interface VerificationRequest {
  fromVersions: string[];
  mode: NotificationMode;
  deviceNames: string[];
  timeoutMinutes: number;
}

/** The body of a batch upgrade and of its preview: the same for both. */
export interface BatchRequest {
  fromVersions: string[];
  strategy: Strategy;
  scope: { type: ScopeType; deviceNames?: string[]; tag?: string; percent?: number };
  schedule?: { startAt?: string; endAt?: string };
  ratePerMinute: number;
  retry: { count: number; intervalSeconds: number };
  timeoutMinutes: number;
  mode: NotificationMode;
  abort?: { failurePercent: number; minFinished: number };
}

export interface Preview {
  considered: number;
  devices: number;
  byFromVersion: Record<string, number>;
  excluded: Partial<Record<Exclusion, number>>;
  bytes: number;
}

export interface Batch {
  id: string;
  kind: BatchKind;
  packageId: string;
  packageName: string;
  productKey: string;
  module: string;
  targetVersion: string;
  fromVersions: string[];
  strategy: Strategy;
  scope: { type: ScopeType; devices: number | null; tag: string | null; percent: number | null };
  startAt: string | null;
  endAt: string | null;
  ratePerMinute: number;
  retry: { count: number; intervalSeconds: number };
  timeoutMinutes: number;
  mode: NotificationMode;
  abort: { failurePercent: number; minFinished: number } | null;
  state: BatchState;
  /** Free text from the service: who paused or canceled it, or which abort rule paused it. */
  reason: string | null;
  planning: { done: boolean; jobs: number; excluded: Partial<Record<Exclusion, number>> };
  jobs: Partial<Record<JobState, number>>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** One device's job in a batch. */
export interface Job {
  jobId: string;
  batchId: string;
  productKey: string;
  deviceName: string;
  module: string;
  packageId: string;
  fromVersion: string | null;
  targetVersion: string;
  currentVersion: string | null;
  state: JobState;
  attempt: number;
  step: number;
  retryPending: boolean;
  failureCode: number | null;
  description: string | null;
  notifiedAt: string | null;
  due: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A device as inventory-service lists it; only what the device pickers show. */
export interface Device {
  deviceName: string;
  versions?: Record<string, { version?: string } | string | null>;
  tags?: string[];
  online?: boolean;
}

export interface PackageFilters {
  name?: string;
  productKey?: string;
}

const pkg = (id: string) => `/api/v1/packages/${encodeURIComponent(id)}`;
const batch = (id: string) => `/api/v1/batches/${encodeURIComponent(id)}`;

export const packagesApi = {
  list: (filters: PackageFilters, page: number, size: number) =>
    http.get<Page<Package>>('/api/v1/packages', { ...filters, page, size }),
  get: (id: string) => http.get<Package>(pkg(id)),
  setEnabled: (id: string, enabled: boolean) => http.patch<Package>(pkg(id), { enabled }),
  remove: (id: string) => http.delete(pkg(id)),

  /** The metadata part goes first: the service checks it before it reads a byte of the file. */
  upload: (metadata: NewPackage, file: File, onProgress: (percent: number) => void, signal?: AbortSignal) => {
    const form = new FormData();
    form.append('metadata', new Blob([JSON.stringify(metadata)], { type: 'application/json' }));
    form.append('file', file, file.name);
    return upload<Package>('/api/v1/packages', form, onProgress, signal);
  },

  verify: (id: string, body: VerificationRequest) => http.post<Batch>(`${pkg(id)}/verifications`, body),
  skipVerification: (id: string) =>
    http.post<{ packageId: string; status: VerificationStatus }>(`${pkg(id)}/verifications/skip`),

  preview: (id: string, body: BatchRequest) => http.post<Preview>(`${pkg(id)}/batches/preview`, body),
  createBatch: (id: string, body: BatchRequest) => http.post<Batch>(`${pkg(id)}/batches`, body),
  batches: (id: string, page: number, size: number) =>
    http.get<Page<Batch>>(`${pkg(id)}/batches`, { page, size }),

  batch: (batchId: string) => http.get<Batch>(batch(batchId)),
  pause: (batchId: string) => http.post<Batch>(`${batch(batchId)}/pause`),
  resume: (batchId: string) => http.post<Batch>(`${batch(batchId)}/resume`),
  cancel: (batchId: string) => http.post<Batch>(`${batch(batchId)}/cancel`),
  jobs: (batchId: string, filters: { state?: JobState; deviceName?: string }, page: number, size: number) =>
    http.get<Page<Job>>(`${batch(batchId)}/devices`, { ...filters, page, size }),
  cancelJob: (batchId: string, deviceName: string) =>
    http.post<Job>(`${batch(batchId)}/devices/${encodeURIComponent(deviceName)}/cancel`),

  deviceJobs: (productKey: string, deviceName: string, page: number, size: number) =>
    http.get<Page<Job>>(
      `/api/v1/devices/${encodeURIComponent(productKey)}/${encodeURIComponent(deviceName)}/jobs`,
      { page, size },
    ),
  devices: (productKey: string, name: string) =>
    http.get<Page<Device>>(`/api/v1/products/${encodeURIComponent(productKey)}/devices`, { name, size: 20 }),
};

/** A device's version of `module`, however inventory-service shapes it. */
export function deviceVersion(device: Device, module: string): string | undefined {
  const v = device.versions?.[module];
  if (!v) return undefined;
  return typeof v === 'string' ? v : v.version;
}
