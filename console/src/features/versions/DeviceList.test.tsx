import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { DeviceList } from './DeviceList';

const device = (deviceName: string, mcuVersion: string | null) => ({
  deviceName,
  productKey: 'thermo',
  moduleFirmwareVersion: '1.0.0',
  mcuVersion,
  versionUpdatedAt: '2026-11-26T10:00:00Z',
  totalUpgrades: 3,
  totalFailures: 1,
});

/** The table's rows, each as its cells' texts. */
function rows() {
  return [...document.querySelectorAll('tbody tr.ant-table-row')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent),
  );
}

describe('DeviceList', () => {
  it('searches the devices by name on the server', async () => {
    const calls = stubApi({
      'GET /api/v1/products/thermo/devices': ({ url }) =>
        url.searchParams.get('name') === 'th-2'
          ? { body: page([device('th-2', '0.9')]) }
          : { body: page([device('th-1', '0.9'), device('th-2', '0.9')]) },
    });
    const product = { productKey: 'thermo', name: 'Thermostat', modules: [{ name: 'default' }, { name: 'mcu' }] };
    renderPage(<DeviceList product={product} />);
    await waitFor(() => expect(rows()).toHaveLength(2));

    await userEvent.type(screen.getByPlaceholderText('Search by device name'), ' th-2 {Enter}');

    await waitFor(() => expect(rows().map((r) => r[0])).toEqual(['th-2']));
    const last = calls[calls.length - 1];
    expect(last.url.pathname).toBe('/api/v1/products/thermo/devices');
    expect(last.url.searchParams.get('name')).toBe('th-2');
    expect(last.url.searchParams.get('page')).toBe('0');
    // device name, firmware, MCU, update time (its text depends on the zone), upgrades, failures
    const [name, firmware, mcu, , upgrades, failures] = rows()[0];
    expect([name, firmware, mcu, upgrades, failures]).toEqual(['th-2', '1.0.0', '0.9', '3', '1']);
  }, 60000);

  it('shows no MCU version for a product without an MCU module', async () => {
    stubApi({ 'GET /api/v1/products/cam/devices': { body: page([device('cam-1', '0.9')]) } });
    renderPage(<DeviceList product={{ productKey: 'cam', name: 'Camera', modules: [{ name: 'default' }] }} />);
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0][2]).toBe('—');
  }, 60000);
});
