import { http, type Page } from '../../api/http';
import type { Product } from '../../common/ProductSelect';

/** One version of a module and how many of the product's devices run it. */
export interface VersionShare {
  version: string;
  module: string;
  deviceCount: number;
  /** A percentage with one decimal (33.4), the product's shares summing to 100.0. */
  share: number;
}

export interface VersionDistribution {
  productKey: string;
  module: string;
  total: number;
  versions: VersionShare[];
}

/** A device as inventory-service lists it, with the columns of the spec's device list. */
export interface Device {
  deviceName: string;
  productKey: string;
  moduleFirmwareVersion: string | null;
  mcuVersion: string | null;
  versionUpdatedAt: string | null;
  totalUpgrades: number;
  totalFailures: number;
}

export type LogKind =
  | 'VERSION_CHANGED'
  | 'UPGRADE_SUCCEEDED'
  | 'UPGRADE_FAILED'
  | 'UPGRADE_TIMED_OUT'
  | 'UPGRADE_CANCELED';

export interface UpgradeLogEntry {
  at: string;
  kind: LogKind | string;
  module: string;
  fromVersion: string | null;
  toVersion: string;
  jobId: string | null;
  batchId: string | null;
  packageId: string | null;
  attempt: number | null;
  failureCode: number | null;
  description: string | null;
}

const products = '/api/v1/products';
const product = (key: string) => `${products}/${encodeURIComponent(key)}`;
const device = (key: string, name: string) => `${product(key)}/devices/${encodeURIComponent(name)}`;

export const versionsApi = {
  /** The newest product, to open the page on when none is chosen. */
  firstProduct: () => http.get<Page<Product>>(products, { page: 0, size: 1 }).then((p) => p.items[0]),
  product: (key: string) => http.get<Product>(product(key)),
  distribution: (key: string, module: string) =>
    http.get<VersionDistribution>(`${product(key)}/version-distribution`, { module }),
  devices: (key: string, name: string, page: number, size: number) =>
    http.get<Page<Device>>(`${product(key)}/devices`, { name, page, size }),
  upgradeLog: (key: string, deviceName: string, page: number, size: number) =>
    http.get<Page<UpgradeLogEntry>>(`${device(key, deviceName)}/upgrade-log`, { page, size }),
};
