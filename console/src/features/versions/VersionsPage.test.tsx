import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { VersionsPage } from './VersionsPage';

const thermostat = {
  productKey: 'thermo',
  name: 'Thermostat',
  modules: [{ name: 'default', description: 'module firmware' }, { name: 'mcu' }],
};
const camera = { productKey: 'camera', name: 'Camera', modules: [{ name: 'default' }] };

const distributions: Record<string, Record<string, unknown>> = {
  'thermo/default': {
    productKey: 'thermo',
    module: 'default',
    total: 5,
    versions: [
      { version: '1.0.0', module: 'default', deviceCount: 3, share: 60.0 },
      { version: '2.0.0', module: 'default', deviceCount: 2, share: 40.0 },
    ],
  },
  'thermo/mcu': {
    productKey: 'thermo',
    module: 'mcu',
    total: 4,
    versions: [{ version: '0.9', module: 'mcu', deviceCount: 4, share: 100.0 }],
  },
  'camera/default': {
    productKey: 'camera',
    module: 'default',
    total: 3,
    versions: [
      { version: '3.1.0', module: 'default', deviceCount: 2, share: 66.7 },
      { version: '3.0.0', module: 'default', deviceCount: 1, share: 33.3 },
    ],
  },
};

function inventory() {
  return stubApi({
    'GET /api/v1/products': { body: page([camera, thermostat]) },
    'GET /api/v1/products/thermo': { body: thermostat },
    'GET /api/v1/products/camera': { body: camera },
    'GET /api/v1/products/*/version-distribution': ({ url }) => {
      const key = url.pathname.split('/')[4];
      return { body: distributions[`${key}/${url.searchParams.get('module')}`] };
    },
  });
}

/** The rows of a module's share table, each as its cells' texts (role queries are slow on antd's tables). */
async function shareRows(module: string) {
  const card = await screen.findByTestId(`share-${module}`);
  const rows = () => [...card.querySelectorAll('tbody tr.ant-table-row')];
  await waitFor(() => expect(rows().length).toBeGreaterThan(0));
  return rows().map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
}

describe('VersionsPage', () => {
  it("shows each version's device count and share, per module, for the product in the URL", async () => {
    const calls = inventory();
    renderPage(<VersionsPage />, { path: '/ota/versions', at: '/ota/versions?product=thermo' });

    expect(await shareRows('default')).toEqual([
      ['1.0.0', 'Module firmware', '3', '60.0%'],
      ['2.0.0', 'Module firmware', '2', '40.0%'],
    ]);
    expect(await shareRows('mcu')).toEqual([['0.9', 'MCU', '4', '100.0%']]);
    expect(screen.getByLabelText('Module firmware: share of devices per version').tagName).toBe('svg');
    const asked = calls.filter((c) => c.url.pathname.endsWith('/version-distribution'));
    expect(asked.map((c) => `${c.url.pathname} ${c.url.searchParams.get('module')}`).sort()).toEqual([
      '/api/v1/products/thermo/version-distribution default',
      '/api/v1/products/thermo/version-distribution mcu',
    ]);
  }, 60000);

  it('asks again for the other product when the product is switched', async () => {
    const calls = inventory();
    renderPage(<VersionsPage />, { path: '/ota/versions', at: '/ota/versions?product=thermo' });
    await shareRows('default');

    await userEvent.click(screen.getByLabelText('Product'));
    await userEvent.click(await screen.findByTitle('Camera (camera)'));

    await waitFor(async () =>
      expect(await shareRows('default')).toEqual([
        ['3.1.0', 'Module firmware', '2', '66.7%'],
        ['3.0.0', 'Module firmware', '1', '33.3%'],
      ]),
    );
    expect(calls.some((c) => c.url.pathname === '/api/v1/products/camera/version-distribution')).toBe(true);
    // the camera has no MCU module: no MCU share is shown or asked for
    expect(screen.queryByTestId('share-mcu')).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname === '/api/v1/products/camera/version-distribution' && c.url.searchParams.get('module') === 'mcu')).toBe(false);
  }, 60000);

  it('opens on the newest product when the URL names none', async () => {
    const calls = inventory();
    renderPage(<VersionsPage />, { path: '/ota/versions', at: '/ota/versions' });
    expect(await shareRows('default')).toEqual([
      ['3.1.0', 'Module firmware', '2', '66.7%'],
      ['3.0.0', 'Module firmware', '1', '33.3%'],
    ]);
    expect(calls.some((c) => c.url.pathname === '/api/v1/products' && c.url.searchParams.get('size') === '1')).toBe(true);
  }, 60000);

  it('says in words that the product in the URL does not exist', async () => {
    stubApi({
      'GET /api/v1/products': { body: page([]) },
      'GET /api/v1/products/gone': {
        status: 404,
        body: { code: 'PRODUCT_NOT_FOUND', title: 'Not Found', status: 404, detail: "No product 'gone'" },
      },
    });
    renderPage(<VersionsPage />, { path: '/ota/versions', at: '/ota/versions?product=gone' });
    expect(await screen.findByText('No such product, or it was deleted.')).toBeInTheDocument();
  }, 60000);
});
