import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ProblemAlert } from '../../common/ProblemAlert';
import { useI18n } from '../../i18n/I18n';
import { packagesApi, type Job, type Package } from './api';
import { BatchDevices } from './BatchDevices';
import { BatchList } from './BatchList';
import { BatchSummary } from './BatchSummary';
import { DeviceBatchesDrawer } from './DeviceBatchesDrawer';
import { EnabledSwitch } from './EnabledSwitch';
import { PackageActions } from './PackageActions';
import { FileFacts, PackageFacts } from './PackageFacts';
import { REFRESH_MS, usePackageChanges } from './refresh';
import { useBatch } from './useBatch';
import { usePackageDialogs } from './usePackageDialogs';

/**
 * 详情 (spec §1.4): the package, its batches and the selected batch's devices. The selected batch
 * is in the URL (`?batch=`), so a batch can be linked and the browser's back goes to the last one.
 */
export function PackageDetails() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const selected = params.get('batch');
  const [loaded, setLoaded] = useState<Package | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [batchesKey, setBatchesKey] = useState(0);
  const [device, setDevice] = useState<Job | null>(null);
  const { change, apply } = usePackageChanges();
  const { batch, error: batchError, tick, set: setBatch } = useBatch(selected);

  const load = useCallback(() => {
    packagesApi
      .get(id)
      .then((p) => (setLoaded(p), setError(null)))
      .catch(setError);
  }, [id]);
  useEffect(load, [load]);

  // a verification that ends moves the package's status, which reaches package-service moments
  // after campaign-service: read the package again then, and once more a little later
  const lastState = useRef<string | null>(null);
  useEffect(() => {
    if (!batch) return;
    const key = `${batch.id}:${batch.state}`;
    const changed = lastState.current !== null && lastState.current !== key;
    lastState.current = key;
    if (!changed || batch.kind !== 'VERIFY') return;
    load();
    const again = setTimeout(load, REFRESH_MS);
    return () => clearTimeout(again);
  }, [batch, load]);

  const select = useCallback(
    (batchId: string, replace = false) => setParams({ batch: batchId }, { replace }),
    [setParams],
  );
  const { verify, batch: upgrade, dialogs } = usePackageDialogs({
    onChange: change,
    onBatch: (b) => {
      setBatchesKey((k) => k + 1);
      select(b.id);
    },
  });

  // another package's page keeps nothing of the last one's
  const current = loaded && loaded.id === id ? loaded : null;
  if (!current) {
    return error ? (
      <>
        <ProblemAlert error={error} onRetry={load} />
        <Link to="/ota/packages">
          <ArrowLeftOutlined /> {t('packages.backToList')}
        </Link>
      </>
    ) : (
      <Spin />
    );
  }
  const pkg = apply(current);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/ota/packages')} aria-label={t('packages.backToList')} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {pkg.name}
          </Typography.Title>
          <EnabledSwitch pkg={pkg} onChanged={(p) => setLoaded(p)} />
        </Space>
        <PackageActions
          pkg={pkg}
          buttons
          onVerify={() => verify(pkg)}
          onBatch={() => upgrade(pkg)}
          onDeleted={() => navigate('/ota/packages')}
        />
      </div>
      {error ? <ProblemAlert error={error} onRetry={load} /> : null}
      <Card title={t('packages.details.package')} size="small">
        <PackageFacts pkg={pkg} />
      </Card>
      <Card title={t('packages.details.file')} size="small">
        <FileFacts pkg={pkg} />
      </Card>
      <Card title={t('packages.details.batches')} size="small">
        <BatchList
          packageId={pkg.id}
          selected={selected}
          live={batch}
          onSelect={select}
          onChanged={setBatch}
          reloadKey={batchesKey}
        />
      </Card>
      <Card
        title={selected ? t('packages.details.devicesOf', { id: selected }) : t('packages.details.devices')}
        size="small"
      >
        {!selected ? (
          <Typography.Text type="secondary">{t('packages.details.pickBatch')}</Typography.Text>
        ) : batchError ? (
          <ProblemAlert error={batchError} />
        ) : batch ? (
          <>
            <BatchSummary batch={batch} />
            {batch.packageId !== pkg.id ? (
              <Alert type="info" showIcon title={t('packages.details.otherPackage')} style={{ marginBottom: 12 }} />
            ) : null}
            <BatchDevices batch={batch} tick={tick} onShowBatches={setDevice} />
          </>
        ) : (
          <Spin />
        )}
      </Card>
      {device ? (
        <DeviceBatchesDrawer
          productKey={device.productKey}
          deviceName={device.deviceName}
          currentBatch={selected}
          onClose={() => setDevice(null)}
          onPick={(job) => {
            setDevice(null);
            if (job.packageId === pkg.id) select(job.batchId);
            else navigate(`/ota/packages/${encodeURIComponent(job.packageId)}?batch=${encodeURIComponent(job.batchId)}`);
          }}
        />
      ) : null}
      {dialogs}
    </Space>
  );
}
