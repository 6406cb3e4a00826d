import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { aPackage } from './fixtures';
import { PackagesPage } from './PackagesPage';

const user = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

const diff = aPackage({
  id: 'pkg-2',
  name: 'MCU delta',
  type: 'DIFF',
  module: 'mcu',
  fromVersions: ['0.9', '1.0'],
  status: 'VERIFY_FAILED',
  enabled: false,
});
const full = aPackage({ status: 'UNVERIFIED' });

function routes(extra = {}) {
  return {
    'GET /api/v1/packages': { body: page([diff, full]) },
    'GET /api/v1/products': { body: page([{ productKey: 'camera', name: 'Camera', modules: [] }]) },
    ...extra,
  };
}

/** The table row that shows `name`. */
async function row(name: string) {
  return (await screen.findByRole('link', { name })).closest('tr') as HTMLElement;
}

describe('PackagesPage', { timeout: 30000 }, () => {
  it('shows every column in words, and searches by name and product on the server', async () => {
    const calls = stubApi(routes());
    renderPage(<PackagesPage />, { path: '/ota/packages', at: '/ota/packages' });
    const delta = await row('MCU delta');
    expect(within(delta).getByText('Differential')).toBeInTheDocument();
    expect(within(delta).getByText('0.9, 1.0')).toBeInTheDocument();
    expect(within(delta).getByText('mcu')).toBeInTheDocument();
    expect(within(delta).getByText('Verification failed')).toBeInTheDocument();
    const camera = await row('Camera firmware');
    expect(within(camera).getByText('Full')).toBeInTheDocument();
    expect(within(camera).getByText('Any version')).toBeInTheDocument();
    expect(within(camera).getByText('Module firmware')).toBeInTheDocument();
    expect(within(camera).getByText('Not verified')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'MCU delta' })).toHaveAttribute('href', '/ota/packages/pkg-2');
    // batch upgrades need a verified (or skipped) and enabled package
    expect(within(camera).getByRole('button', { name: 'Batch upgrade' })).toBeDisabled();
    expect(within(camera).getByRole('button', { name: 'Verify' })).toBeEnabled();
    expect(within(delta).getByRole('button', { name: 'Verify' })).toBeDisabled();

    await user().type(screen.getByPlaceholderText('Search by package name'), 'delta');
    await user().click(screen.getAllByRole('combobox')[0]);
    await user().click(await screen.findByText('Camera (camera)'));
    await user().click(screen.getByRole('button', { name: 'Search' }));
    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname === '/api/v1/packages').at(-1)!;
      expect(last.url.searchParams.get('name')).toBe('delta');
      expect(last.url.searchParams.get('productKey')).toBe('camera');
      expect(last.url.searchParams.get('page')).toBe('0');
    });
  });

  it('shows a viewer no button or switch that would be refused', async () => {
    stubApi(routes());
    renderPage(<PackagesPage />, { role: 'viewer', path: '/ota/packages', at: '/ota/packages' });
    const camera = await row('Camera firmware');
    expect(within(camera).getByRole('link', { name: 'Details' })).toBeInTheDocument();
    expect(within(camera).getByText('On')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add package/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Batch upgrade' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Verify' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it('deletes a package only after the confirmation', async () => {
    const calls = stubApi(routes({ 'DELETE /api/v1/packages/*': { status: 204 } }));
    renderPage(<PackagesPage />, { path: '/ota/packages', at: '/ota/packages' });
    await user().click(within(await row('Camera firmware')).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('Deletes "Camera firmware" and its file, for good.')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(0);
    const confirm = screen.getByText('Deletes "Camera firmware" and its file, for good.').closest('.ant-popover') as HTMLElement;
    await user().click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.url.pathname)).toEqual(['/api/v1/packages/pkg-1']));
  });

  it('enables and disables a package with its switch', async () => {
    const calls = stubApi(routes({ 'PATCH /api/v1/packages/*': { body: { ...diff, enabled: true } } }));
    renderPage(<PackagesPage />, { path: '/ota/packages', at: '/ota/packages' });
    await user().click(within(await row('MCU delta')).getByRole('switch', { name: 'Enable package MCU delta' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: true }));
    expect(calls.find((c) => c.method === 'PATCH')?.url.pathname).toBe('/api/v1/packages/pkg-2');
  });
});
