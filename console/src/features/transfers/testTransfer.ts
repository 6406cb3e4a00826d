import type { Transfer } from './api';

/**
 * For this feature's tests: a transfer as the API answers one, in progress with three devices
 * awaiting review.
 */
export function aTransfer(change: Partial<Transfer> = {}): Transfer {
  return {
    id: 'tr-1',
    source: 'factory-shenzhen-2',
    productKey: 'thermo',
    productName: 'Thermostat T3',
    module: 'default',
    startVersion: '1.0.0',
    targetVersion: '2.0.0',
    packageId: 'pkg-9',
    packageName: 'thermo 2.0.0 diff',
    upgrade: {
      ratePerMinute: 500,
      retry: { count: 2, intervalSeconds: 300 },
      timeoutMinutes: 60,
      mode: 'PUSH',
      abort: { failurePercent: 20, minFinished: 50 },
    },
    status: 'IN_PROGRESS',
    devices: 5,
    counts: { AWAITING_REVIEW: 3, PENDING: 1, UPGRADING: 0, SUCCEEDED: 0, FAILED: 0, REJECTED: 1, CANCELED: 0 },
    decisions: [
      { action: 'ACCEPT', all: false, requested: 1, changed: 1, by: 'ops-console', at: '2026-11-26T10:00:00Z' },
      { action: 'REJECT', all: false, requested: 1, changed: 1, by: 'ops-console', at: '2026-11-26T10:01:00Z' },
    ],
    createdAt: '2026-11-26T09:00:00Z',
    createdBy: 'partner-integration',
    updatedAt: '2026-11-26T10:01:00Z',
    ...change,
  };
}
