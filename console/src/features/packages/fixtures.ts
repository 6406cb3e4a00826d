import { vi } from 'vitest';
import type { Batch, Job, Package } from './api';

/* Test data and the upload stub for this tab's component tests (not used by the app). */

export function aPackage(overrides: Partial<Package> = {}): Package {
  return {
    id: 'pkg-1',
    name: 'Camera firmware',
    type: 'FULL',
    productKey: 'camera',
    module: 'default',
    targetVersion: '2.0.0',
    fromVersions: [],
    description: null,
    status: 'VERIFIED',
    statusAt: '2026-11-26T09:10:00Z',
    enabled: true,
    size: 1048576,
    sha256: '78767011c0ffee00112233445566778899aabbccddeeff00112233445566aa01',
    md5: '6812b253c0ffee0011223344556677aa',
    signature: 'DwUxMycRsig==',
    signatureAlgorithm: 'Ed25519',
    signingKeyId: '6d818a2512144d96',
    createdAt: '2026-11-26T09:05:33.081Z',
    updatedAt: '2026-11-26T09:05:33.081Z',
    ...overrides,
  };
}

export function aBatch(overrides: Partial<Batch> = {}): Batch {
  return {
    id: 'b-1',
    kind: 'BATCH',
    packageId: 'pkg-1',
    packageName: 'Camera firmware',
    productKey: 'camera',
    module: 'default',
    targetVersion: '2.0.0',
    fromVersions: ['1.0.0'],
    strategy: 'STATIC',
    scope: { type: 'ALL', devices: null, tag: null, percent: null },
    startAt: null,
    endAt: null,
    ratePerMinute: 1000,
    retry: { count: 0, intervalSeconds: 300 },
    timeoutMinutes: 60,
    mode: 'PUSH',
    abort: null,
    state: 'COMPLETED',
    reason: null,
    planning: { done: true, jobs: 3, excluded: { ALREADY_ON_TARGET: 0 } },
    jobs: { QUEUED: 0, NOTIFIED: 0, DOWNLOADING: 0, UPGRADING: 0, SUCCEEDED: 2, FAILED: 1, TIMED_OUT: 0, CANCELED: 0 },
    createdAt: '2026-11-26T10:00:00Z',
    startedAt: '2026-11-26T10:00:01Z',
    finishedAt: '2026-11-26T10:30:00Z',
    ...overrides,
  };
}

export function aJob(overrides: Partial<Job> = {}): Job {
  return {
    jobId: 'b-1-1',
    batchId: 'b-1',
    productKey: 'camera',
    deviceName: 'cam-001',
    module: 'default',
    packageId: 'pkg-1',
    fromVersion: '1.0.0',
    targetVersion: '2.0.0',
    currentVersion: '1.0.0',
    state: 'DOWNLOADING',
    attempt: 1,
    step: 30,
    retryPending: false,
    failureCode: null,
    description: null,
    notifiedAt: '2026-11-26T10:00:02Z',
    due: null,
    createdAt: '2026-11-26T10:00:00Z',
    updatedAt: '2026-11-26T10:00:05Z',
    ...overrides,
  };
}

/** One multipart upload as sent: its parts in order. */
export interface SentUpload {
  method: string;
  url: string;
  parts: [string, FormDataEntryValue][];
}

/**
 * Stubs XMLHttpRequest (the one call fetch cannot make, for its upload progress): every send
 * reports half the bytes sent, then answers `answer`.
 */
export function stubUpload(answer: { status: number; body: unknown }): SentUpload[] {
  const sent: SentUpload[] = [];
  class FakeXhr {
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
      onprogress: null,
    };
    status = 0;
    statusText = '';
    responseText = '';
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = '';
    private url = '';
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader() {}
    send(body: FormData) {
      sent.push({ method: this.method, url: this.url, parts: [...body.entries()] });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        this.status = answer.status;
        this.responseText = JSON.stringify(answer.body);
        this.onload?.();
      }, 10);
    }
    abort() {
      this.onabort?.();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return sent;
}

