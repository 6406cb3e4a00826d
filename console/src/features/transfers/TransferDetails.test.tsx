import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role } from '../../session/Session';
import { page, renderPage, stubApi } from '../../test/render';
import type { Transfer } from './api';
import { aTransfer } from './testTransfer';
import { TransferDetails } from './TransferDetails';

const awaiting = ['th-1', 'th-2', 'th-3'].map((deviceName) => ({
  deviceName,
  state: 'AWAITING_REVIEW',
  decidedBy: null,
  decidedAt: null,
  jobId: null,
  description: null,
  updatedAt: '2026-11-26T09:00:00Z',
}));

type Answer = { status?: number; body?: unknown };

function platform(transfer: Transfer, decisions: { accept?: Answer; reject?: Answer; cancel?: Answer } = {}) {
  return stubApi({
    'GET /api/v1/transfers/tr-1': { body: transfer },
    'GET /api/v1/transfers/tr-1/devices': ({ url }) =>
      url.searchParams.get('state') === 'AWAITING_REVIEW' ? { body: page(awaiting) } : { body: page([]) },
    'POST /api/v1/transfers/tr-1/accept': decisions.accept ?? { body: transfer },
    'POST /api/v1/transfers/tr-1/reject': decisions.reject ?? { body: transfer },
    'POST /api/v1/transfers/tr-1/cancel': decisions.cancel ?? { body: { ...transfer, status: 'CANCELED' } },
  });
}

function show(role: Role = 'operator', at = '/ota/transfers/tr-1?state=AWAITING_REVIEW') {
  renderPage(<TransferDetails />, { path: '/ota/transfers/:id', at, role });
}

/** The rows of the device table in the tab shown. */
function deviceRows() {
  return [...document.querySelectorAll('[role="tabpanel"][aria-hidden="false"] tbody tr.ant-table-row')];
}

/** The element that `selector` finds once it is there (role queries are slow on antd's pages). */
const shown = (selector: string) =>
  waitFor(() => {
    const element = document.querySelector<HTMLElement>(selector);
    expect(element).not.toBeNull();
    return element!;
  });
const button = (name: string) => screen.getByText(name, { selector: 'button span' }).closest('button')!;
const posts = (calls: ReturnType<typeof stubApi>) => calls.filter((c) => c.method === 'POST');

describe('TransferDetails', () => {
  it('accepts exactly the two devices selected, after a confirmation that names how many', async () => {
    const calls = platform(aTransfer());
    show();
    await waitFor(() => expect(deviceRows()).toHaveLength(3));

    const [first, , third] = deviceRows();
    await userEvent.click(first.querySelector('input[type=checkbox]')!);
    await userEvent.click(third.querySelector('input[type=checkbox]')!);
    expect(screen.getByText('2 selected')).toBeInTheDocument();
    await userEvent.click(button('Accept'));

    const dialog = await shown('[role="dialog"]');
    expect(dialog).toHaveTextContent('Accept the selected devices (2)?');
    expect(posts(calls)).toHaveLength(0);
    await userEvent.click(within(dialog).getByText('Accept').closest('button')!);

    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].url.pathname).toBe('/api/v1/transfers/tr-1/accept');
    expect(posts(calls)[0].body).toEqual({ deviceNames: ['th-1', 'th-3'] });
    expect(await screen.findByText('Accepted 2 device(s)')).toBeInTheDocument();
  }, 60000);

  it('rejects every device awaiting review with {"all": true}', async () => {
    const calls = platform(aTransfer());
    show();
    await waitFor(() => expect(deviceRows()).toHaveLength(3));

    await userEvent.click(button('Reject all'));
    const dialog = await shown('[role="dialog"]');
    expect(dialog).toHaveTextContent('Reject all devices awaiting review (3)?');
    await userEvent.click(within(dialog).getByText('Reject').closest('button')!);

    await waitFor(() => expect(posts(calls)).toHaveLength(1));
    expect(posts(calls)[0].url.pathname).toBe('/api/v1/transfers/tr-1/reject');
    expect(posts(calls)[0].body).toEqual({ all: true });
  }, 60000);

  it('says in words that the transfer refused a decision (409 TRANSFER_STATE_CONFLICT)', async () => {
    platform(aTransfer(), {
      accept: {
        status: 409,
        body: { code: 'TRANSFER_STATE_CONFLICT', title: 'Conflict', status: 409, detail: 'Transfer tr-1 was canceled' },
      },
    });
    show();
    await waitFor(() => expect(deviceRows()).toHaveLength(3));

    await userEvent.click(button('Accept all'));
    const dialog = await shown('[role="dialog"]');
    await userEvent.click(within(dialog).getByText('Accept').closest('button')!);

    const alert = await shown('[role="alert"]');
    expect(alert).toHaveTextContent(
      'The batch was canceled or has ended, or another decision on it is under way: refresh and try again.',
    );
    expect(alert).not.toHaveTextContent('TRANSFER_STATE_CONFLICT');
  }, 60000);

  it('tells a refused decision device by device', async () => {
    platform(aTransfer(), {
      reject: {
        status: 409,
        body: {
          code: 'DECISION_CONFLICT', title: 'Conflict', status: 409,
          errors: [{ field: 'deviceNames[1]', code: 'PENDING', message: 'was accepted already (now PENDING)' }],
        },
      },
    });
    show();
    await waitFor(() => expect(deviceRows()).toHaveLength(3));
    const [first, second] = deviceRows();
    await userEvent.click(first.querySelector('input[type=checkbox]')!);
    await userEvent.click(second.querySelector('input[type=checkbox]')!);
    await userEvent.click(button('Reject'));
    await userEvent.click(within(await shown('[role="dialog"]')).getByText('Reject').closest('button')!);

    const alert = await shown('[role="alert"]');
    expect(alert).toHaveTextContent('Some devices were already decided the other way; nothing was changed.');
    expect(alert).toHaveTextContent('th-2: already Pending');
  }, 60000);

  it('cancels the open transfer after a confirmation', async () => {
    const calls = platform(aTransfer());
    show();
    await userEvent.click(await screen.findByText('Cancel batch'));
    const dialog = await shown('[role="dialog"]');
    expect(dialog).toHaveTextContent('Cancel transferred-in batch tr-1?');
    expect(posts(calls)).toHaveLength(0);
    await userEvent.click(within(dialog).getByText('Cancel batch').closest('button')!);
    await waitFor(() => expect(posts(calls).map((c) => c.url.pathname)).toEqual(['/api/v1/transfers/tr-1/cancel']));
  }, 60000);

  it('shows a viewer no accept, reject or cancel buttons, and no selection', async () => {
    platform(aTransfer());
    show('viewer');
    await waitFor(() => expect(deviceRows()).toHaveLength(3));
    for (const name of ['Accept', 'Reject', 'Accept all', 'Reject all', 'Cancel batch']) {
      expect(screen.queryByText(name, { selector: 'button span' })).not.toBeInTheDocument();
    }
    expect(document.querySelectorAll('input[type=checkbox]')).toHaveLength(0);
  }, 60000);

  it('offers no decisions on a transfer that ended', async () => {
    platform(aTransfer({ status: 'CANCELED', counts: { ...aTransfer().counts, AWAITING_REVIEW: 0, CANCELED: 3 } }));
    show();
    await waitFor(() => expect(deviceRows()).toHaveLength(3));
    for (const name of ['Accept', 'Reject', 'Accept all', 'Reject all', 'Cancel batch']) {
      expect(screen.queryByText(name, { selector: 'button span' })).not.toBeInTheDocument();
    }
  }, 60000);

  it('shows the transfer: counts by state in the tabs, settings and decisions in words, its package batch', async () => {
    platform(aTransfer());
    show('operator', '/ota/transfers/tr-1');
    await waitFor(() => expect(deviceRows()).toHaveLength(3));
    const tabs = [...document.querySelectorAll('.ant-tabs-tab')].map((tab) => tab.textContent);
    expect(tabs).toEqual([
      'Awaiting review (3)', 'Pending (1)', 'Upgrading (0)', 'Succeeded (0)', 'Failed (0)', 'Rejected (1)', 'Canceled (0)',
    ]);
    expect(screen.getByText('500 devices a minute')).toBeInTheDocument();
    expect(screen.getByText('2 times, 300 s apart')).toBeInTheDocument();
    expect(screen.getByText('Push (the platform tells devices)')).toBeInTheDocument();
    expect(screen.getByText('Pauses when 20% of at least 50 finished devices failed')).toBeInTheDocument();
    expect(screen.getByText('thermo 2.0.0 diff').closest('a')).toHaveAttribute('href', '/ota/packages/pkg-9?batch=tr-1');
    const decisions = [...document.querySelectorAll('tbody tr.ant-table-row')]
      .filter((row) => row.textContent?.includes('ops-console'))
      .map((row) => [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent));
    expect(decisions).toEqual([
      ['ops-console', 'Rejected', 'Devices named (1)', '1'],
      ['ops-console', 'Accepted', 'Devices named (1)', '1'],
    ]);
  }, 60000);
});
