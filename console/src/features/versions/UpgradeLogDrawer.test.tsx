import { screen, waitFor, within } from '@testing-library/react';
import { page, renderPage, stubApi } from '../../test/render';
import { UpgradeLogDrawer } from './UpgradeLogDrawer';

describe('UpgradeLogDrawer', () => {
  it("lists the device's log entries in words, a page at a time", async () => {
    const calls = stubApi({
      'GET /api/v1/products/thermo/devices/th-1/upgrade-log': {
        body: page(
          [
            { at: '2026-11-26T10:06:00Z', kind: 'VERSION_CHANGED', module: 'default', fromVersion: '1.0.0', toVersion: '1.1.0',
              jobId: null, batchId: null, packageId: null, attempt: null, failureCode: null, description: null },
            { at: '2026-11-26T10:05:00Z', kind: 'UPGRADE_FAILED', module: 'mcu', fromVersion: '0.9', toVersion: '1.0',
              jobId: 'job-7', batchId: 'batch-2', packageId: 'pkg-9', attempt: 2, failureCode: -3, description: 'flash write error' },
            { at: '2026-11-26T10:04:00Z', kind: 'UPGRADE_TIMED_OUT', module: 'default', fromVersion: null, toVersion: '1.1.0',
              jobId: 'job-6', batchId: 'batch-2', packageId: 'pkg-9', attempt: 1, failureCode: null, description: null },
          ],
          23,
        ),
      },
    });
    renderPage(<UpgradeLogDrawer productKey="thermo" deviceName="th-1" onClose={() => {}} />);

    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('Upgrade log · th-1')).toBeInTheDocument();
    await waitFor(() => expect(drawer.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(3));
    const rows = [...drawer.querySelectorAll('tbody tr.ant-table-row')];
    const cells = (i: number) => [...rows[i].querySelectorAll('td')].slice(1).map((td) => td.textContent);

    expect(cells(0)).toEqual(['Version changed', 'Module firmware', 'Version changed from 1.0.0 to 1.1.0']);
    expect(cells(1)).toEqual([
      'Upgrade failed',
      'MCU',
      'Upgrade to 1.0 failedfrom 0.9 · attempt 2 · install failed · flash write errorView its batch',
    ]);
    expect(cells(2)).toEqual(['Upgrade timed out', 'Module firmware', 'Upgrade to 1.1.0 timed outattempt 1View its batch']);
    expect(within(drawer).getAllByText('View its batch')[0].closest('a')).toHaveAttribute('href', '/ota/packages/pkg-9?batch=batch-2');
    // no enum is shown raw
    expect(drawer.textContent).not.toMatch(/UPGRADE_|VERSION_CHANGED/);
    expect(within(drawer).getByText('23 in all')).toBeInTheDocument();
    expect(calls[0].url.searchParams.get('page')).toBe('0');
  }, 60000);
});
