import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { aTransfer } from './testTransfer';
import { TransfersPage } from './TransfersPage';

/** The table's rows, each as its cells' texts. */
function rows() {
  return [...document.querySelectorAll('tbody tr.ant-table-row')].map((row) =>
    [...row.querySelectorAll('td')].map((cell) => cell.textContent),
  );
}

describe('TransfersPage', () => {
  it('sends the status, product name and product ID filters to the server', async () => {
    const calls = stubApi({ 'GET /api/v1/transfers': { body: page([aTransfer()]) } });
    renderPage(<TransfersPage />, { path: '/ota/transfers', at: '/ota/transfers' });
    await waitFor(() => expect(rows()).toHaveLength(1));

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(await screen.findByTitle('In progress'));
    await userEvent.type(screen.getByLabelText('Product name'), 'Thermo');
    await userEvent.type(screen.getByLabelText('Product ID'), 'thermo');
    await userEvent.click(screen.getByText('Search').closest('button')!);

    await waitFor(() => expect(calls.length).toBe(2));
    const query = calls[1].url.searchParams;
    expect(query.get('status')).toBe('IN_PROGRESS');
    expect(query.get('productName')).toBe('Thermo');
    expect(query.get('productKey')).toBe('thermo');
    expect(query.get('page')).toBe('0');
  }, 60000);

  it('lists each transfer with its status and device counts in words, linked to its details', async () => {
    stubApi({ 'GET /api/v1/transfers': { body: page([aTransfer()]) } });
    renderPage(<TransfersPage />, { path: '/ota/transfers', at: '/ota/transfers?status=IN_PROGRESS' });
    await waitFor(() => expect(rows()).toHaveLength(1));

    const [id, productKey, productName, start, target, , status, counts] = rows()[0];
    expect([id, productKey, productName, start, target, status]).toEqual([
      'tr-1', 'thermo', 'Thermostat T3', '1.0.0', '2.0.0', 'In progress',
    ]);
    expect(counts).toBe('5 devicesAwaiting review 3');
    expect(screen.getByLabelText('Awaiting review 3, Pending 1, Rejected 1')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'tr-1' })).toHaveAttribute('href', '/ota/transfers/tr-1');
  }, 60000);
});
