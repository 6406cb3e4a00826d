import { useState } from 'react';
import type { Batch, Package } from './api';
import { BatchUpgradeDialog } from './BatchUpgradeDialog';
import { VerificationDialog } from './VerificationDialog';

/**
 * The verification and batch dialogs that both the list and the details page open. `onChange`
 * is told what a dialog changed on the package, `onBatch` the batch it started.
 */
export function usePackageDialogs({
  onChange,
  onBatch,
}: {
  onChange: (id: string, to: Partial<Package>) => void;
  onBatch: (batch: Batch) => void;
}) {
  const [verifying, setVerifying] = useState<Package | null>(null);
  const [batching, setBatching] = useState<Package | null>(null);
  const dialogs = (
    <>
      {verifying ? (
        <VerificationDialog
          pkg={verifying}
          onClose={() => setVerifying(null)}
          onStarted={(batch) => {
            onChange(verifying.id, { status: 'VERIFYING' });
            setVerifying(null);
            onBatch(batch);
          }}
          onSkipped={(status) => {
            onChange(verifying.id, { status });
            setVerifying(null);
          }}
        />
      ) : null}
      {batching ? (
        <BatchUpgradeDialog
          pkg={batching}
          onClose={() => setBatching(null)}
          onCreated={(batch) => {
            setBatching(null);
            onBatch(batch);
          }}
        />
      ) : null}
    </>
  );
  return { verify: setVerifying, batch: setBatching, dialogs };
}
