import { screen, waitFor, within } from '@testing-library/react';
import { page, renderPage, stubApi } from '../../test/render';
import { aNotification, aRecord, MESSAGE_TYPE_LIST } from './fixtures';
import { NotificationDetails } from './NotificationDetails';
import { choose, clickButton, hasButton, still, user } from './testEnv';

const AT = { path: '/ota/notifications/:id', at: '/ota/notifications/n1' };
const BODY =
  '{"type":"device.succeeded","timestamp":"2026-11-27T02:51:21.004Z","data":{"batchId":"b-7Qx2","deviceName":"cam-001"}}';

function api(overrides: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/v1/notifications/message-types': { body: MESSAGE_TYPE_LIST },
    'GET /api/v1/notifications/n1': { body: aNotification() },
    'GET /api/v1/notifications/n1/associations': { body: page([]) },
    'GET /api/v1/notifications/n1/records': { body: page([aRecord()]) },
    'GET /api/v1/notifications/n1/records/*': { body: aRecord({ body: BODY }) },
    ...overrides,
  });
}

/** The details page on its 通知记录 tab, once the records are listed. */
async function openRecords(role: 'operator' | 'viewer' = 'operator') {
  renderPage(still(<NotificationDetails />), { ...AT, role });
  await user.click(await screen.findByText('Notification records'));
  await screen.findByText('b-7Qx2');
  return within(document.querySelector('form#recordSearch') as HTMLElement);
}

const recordCalls = (calls: ReturnType<typeof stubApi>) =>
  calls.filter((c) => c.method === 'GET' && c.url.pathname === '/api/v1/notifications/n1/records');

describe('Records', () => {
  it('lists the records with their push status and message type in words', async () => {
    api();
    await openRecords();
    expect(screen.getByText('Retries exhausted')).toBeInTheDocument();
    expect(screen.getByText('Device upgraded')).toBeInTheDocument();
    expect(screen.queryByText('DEAD')).not.toBeInTheDocument();
    expect(screen.queryByText('device.succeeded')).not.toBeInTheDocument();
  });

  it('searches by package name, push status and message type', async () => {
    const calls = api();
    const form = await openRecords();
    await user.type(form.getByLabelText('Package name'), 'camera');
    await choose(form.getByLabelText('Push status'), 'Failed');
    await choose(form.getByLabelText('Message type'), 'Device upgrade failed');
    await clickButton('Search', form);
    await waitFor(() => {
      const query = recordCalls(calls).at(-1)!.url.searchParams;
      expect(query.get('packageName')).toBe('camera');
      expect(query.get('status')).toBe('FAILED');
      expect(query.get('messageType')).toBe('device.failed');
    });
  });

  it('sends a record again and lists the records anew', async () => {
    const calls = api({ 'POST /api/v1/notifications/n1/records/*/replay': { status: 202, body: aRecord({ status: 'PENDING' }) } });
    await openRecords();
    const before = recordCalls(calls).length;
    await clickButton('Send again');
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/notifications/n1/records/msg_5f0e8d1c/replay')).toBe(true),
    );
    expect(await screen.findByText('Sent again')).toBeInTheDocument();
    await waitFor(() => expect(recordCalls(calls).length).toBe(before + 1));
  });

  it('says in words why a replay was refused', async () => {
    api({
      'POST /api/v1/notifications/n1/records/*/replay': {
        status: 409,
        body: { code: 'NOTIFICATION_DISABLED', title: 'The notification is disabled', status: 409 },
      },
    });
    await openRecords();
    await clickButton('Send again');
    expect(await screen.findByText('The notification is disabled: enable it before sending again.')).toBeInTheDocument();
  });

  it("shows a record's last error and the message body as the receiver got it", async () => {
    const calls = api();
    await openRecords();
    await user.click(screen.getByText('Details'));
    const label = await screen.findByText('Message body (the JSON the receiver got)');
    const drawer = within(label.closest('.ant-drawer') as HTMLElement);
    expect(drawer.getByText('the receiver answered 503')).toBeInTheDocument();
    expect(drawer.getByText('503')).toBeInTheDocument();
    expect(drawer.getByText('cam-001')).toBeInTheDocument();
    const body = document.querySelector('pre[aria-labelledby="record-body-label"]')!;
    expect(body.textContent).toBe(JSON.stringify(JSON.parse(BODY), null, 2));
    expect(calls.some((c) => c.url.pathname === '/api/v1/notifications/n1/records/msg_5f0e8d1c')).toBe(true);
  });

  it('shows a viewer no replay', async () => {
    api();
    await openRecords('viewer');
    expect(hasButton('Send again')).toBe(false);
    await user.click(screen.getByText('Details'));
    await screen.findByText('Message body (the JSON the receiver got)');
    expect(hasButton('Send again')).toBe(false);
  });
});
