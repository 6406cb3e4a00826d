import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router';
import { page, renderPage, stubApi } from '../../test/render';
import { aBatch, aJob, aPackage } from './fixtures';
import { PackageDetails } from './PackageDetails';

const user = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

const pkg = aPackage();
const running = aBatch({
  id: 'b-2',
  state: 'RUNNING',
  finishedAt: null,
  jobs: { QUEUED: 5, DOWNLOADING: 1, SUCCEEDED: 3, FAILED: 1 },
});
const transfer = aBatch({ id: 'tr-1', kind: 'TRANSFER', state: 'RUNNING', finishedAt: null });
const done = aBatch({ id: 'b-1' });

function routes(extra = {}) {
  return {
    'GET /api/v1/packages/pkg-1': { body: pkg },
    'GET /api/v1/packages/pkg-1/batches': { body: page([running, transfer, done]) },
    'GET /api/v1/batches/b-1': { body: done },
    'GET /api/v1/batches/b-0': { body: aBatch({ id: 'b-0' }) },
    'GET /api/v1/batches/*/devices': {
      body: page([aJob(), aJob({ jobId: 'b-1-2', deviceName: 'cam-002', state: 'SUCCEEDED', currentVersion: '2.0.0' })]),
    },
    ...extra,
  };
}

function open(at = '/ota/packages/pkg-1?batch=b-1', role: 'operator' | 'viewer' = 'operator') {
  renderPage(
    <>
      <PackageDetails />
      <Where />
    </>,
    { path: '/ota/packages/:id', at, role },
  );
}

/** The table row whose cells show `text`, now. */
function rowNow(text: string): HTMLElement {
  const row = screen
    .getAllByText(text)
    .map((c) => c.closest('tr'))
    .find((r) => r && r.closest('.ant-table-tbody'));
  expect(row).toBeTruthy();
  return row as HTMLElement;
}

/** The table row whose cells show `text`, once it is there. */
function rowOf(text: string) {
  return waitFor(() => rowNow(text), { timeout: 10000 });
}

describe('PackageDetails', () => {
  it("shows the package with its digests, its batches in words, and the linked batch's devices", async () => {
    stubApi(routes());
    open();
    expect(await screen.findByText(pkg.sha256)).toBeInTheDocument();
    expect(screen.getByText(pkg.signingKeyId)).toBeInTheDocument();

    const completed = await rowOf('b-1');
    expect(within(completed).getByText('Batch upgrade')).toBeInTheDocument();
    expect(within(completed).getByText('Completed')).toBeInTheDocument();
    expect(within(completed).getByText('2 succeeded')).toBeInTheDocument();
    expect(within(completed).getByText('1 failed')).toBeInTheDocument();
    expect(within(completed).getByRole('radio')).toBeChecked();
    expect(within(completed).queryByRole('button', { name: 'Cancel batch' })).not.toBeInTheDocument();

    const live = await rowOf('b-2');
    expect(within(live).getByText('Running')).toBeInTheDocument();
    expect(within(live).getByRole('button', { name: 'Pause' })).toBeInTheDocument();
    expect(within(live).getByRole('button', { name: 'Cancel batch' })).toBeInTheDocument();

    const moved = await rowOf('tr-1');
    expect(within(moved).getByRole('link', { name: 'Transferred-in devices' })).toHaveAttribute('href', '/ota/transfers/tr-1');
    expect(within(moved).queryByRole('button', { name: 'Cancel batch' })).not.toBeInTheDocument();

    expect(screen.getByText('Devices of batch b-1')).toBeInTheDocument();
    const device = await rowOf('cam-001');
    expect(within(device).getByText('Downloading')).toBeInTheDocument();
    expect(within(device).getByRole('button', { name: 'Cancel upgrade' })).toBeInTheDocument();
    expect(within(await rowOf('cam-002')).queryByRole('button', { name: 'Cancel upgrade' })).not.toBeInTheDocument();
  });

  it("filters the batch's devices by state and name on the server", async () => {
    const calls = stubApi(routes());
    open();
    await rowOf('cam-001');
    await user().type(screen.getByPlaceholderText('Search by device name'), 'cam-00{Enter}');
    await user().click(screen.getByLabelText('Filter by upgrade state'));
    await user().click((await screen.findAllByText(/^Failed/)).find((e) => e.closest('.ant-select-item-option'))!);
    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname === '/api/v1/batches/b-1/devices').at(-1)!;
      expect(last.url.searchParams.get('deviceName')).toBe('cam-00');
      expect(last.url.searchParams.get('state')).toBe('FAILED');
    });
  });

  it("cancels one device's upgrade only after the confirmation", async () => {
    const calls = stubApi(routes({ 'POST /api/v1/batches/b-1/devices/cam-001/cancel': { body: aJob({ state: 'CANCELED' }) } }));
    open();
    await user().click(within(await rowOf('cam-001')).getByRole('button', { name: 'Cancel upgrade' }));
    const question = await screen.findByText("Cancel device cam-001's upgrade?");
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user().click(within(question.closest('.ant-popover') as HTMLElement).getByRole('button', { name: 'Cancel upgrade' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/v1/batches/b-1/devices/cam-001/cancel']),
    );
  });

  it("lists a device's batches and switches to the one picked, in the URL", async () => {
    const calls = stubApi(
      routes({
        'GET /api/v1/devices/camera/cam-001/jobs': {
          body: page([aJob(), aJob({ jobId: 'b-0-4', batchId: 'b-0', state: 'FAILED' })]),
        },
      }),
    );
    open();
    await user().click(within(await rowOf('cam-001')).getByRole('button', { name: 'View its batches' }));
    expect(await screen.findByText('Batches of device cam-001')).toBeInTheDocument();
    await user().click(await screen.findByRole('button', { name: 'b-0' }));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/ota/packages/pkg-1?batch=b-0'));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/batches/b-0/devices')).toBe(true));
  });

  it("refreshes a running batch's counts and devices while it runs", async () => {
    let reads = 0;
    const calls = stubApi(
      routes({
        'GET /api/v1/batches/b-2': () => {
          reads++;
          return { body: { ...running, jobs: { ...running.jobs, SUCCEEDED: reads > 1 ? 7 : 3 } } };
        },
      }),
    );
    open('/ota/packages/pkg-1?batch=b-2');
    await rowOf('cam-001');
    expect(within(await rowOf('b-2')).getByText('3 succeeded')).toBeInTheDocument();
    await waitFor(() => expect(within(rowNow('b-2')).getByText('7 succeeded')).toBeInTheDocument(), { timeout: 10000 });
    await waitFor(() => expect(calls.filter((c) => c.url.pathname === '/api/v1/batches/b-2/devices').length).toBeGreaterThan(1));
  });

  it('selects the newest batch when the URL names none', async () => {
    stubApi(routes({ 'GET /api/v1/batches/b-2': { body: running } }));
    open('/ota/packages/pkg-1');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/ota/packages/pkg-1?batch=b-2'));
  });

  it('shows a viewer no action that would be refused', async () => {
    stubApi(routes());
    open('/ota/packages/pkg-1?batch=b-1', 'viewer');
    await rowOf('cam-001');
    for (const name of ['Verify', 'Batch upgrade', 'Delete', 'Pause', 'Cancel batch', 'Cancel upgrade'])
      expect(screen.queryByRole('button', { name })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'View its batches' }).length).toBeGreaterThan(0);
  });
});
