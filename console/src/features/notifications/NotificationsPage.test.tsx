import { screen, waitFor, within } from '@testing-library/react';
import { page, renderPage, stubApi } from '../../test/render';
import { aNotification, MESSAGE_TYPE_LIST } from './fixtures';
import { NotificationsPage } from './NotificationsPage';
import { clickButton, dialog, hasButton, popconfirm, still, user } from './testEnv';

const AT = { path: '/ota/notifications', at: '/ota/notifications' };
const TOKEN = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5q3Bo0kqTXk=';
const ADD = 'Add upgrade task notification';

function api(overrides: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/v1/notifications/message-types': { body: MESSAGE_TYPE_LIST },
    'GET /api/v1/notifications': { body: page([aNotification()]) },
    ...overrides,
  });
}

async function openAddDialog() {
  await clickButton(ADD);
  const modal = within(await dialog(ADD));
  // the message types come from the service; the form preselects them all once they are here
  await waitFor(() => expect(modal.getByText(/\+ \d+|Batch started/)).toBeInTheDocument());
  return modal;
}

describe('NotificationsPage', () => {
  it('lists the configurations with the token as a hint and the message types in words', async () => {
    api();
    renderPage(still(<NotificationsPage />), AT);
    expect((await screen.findByText('ops')).closest('a')).toHaveAttribute('href', '/ota/notifications/n1');
    expect(screen.getByText('https://hooks.example.com/upgrades')).toBeInTheDocument();
    expect(screen.getByText('whsec_…a1B2')).toBeInTheDocument();
    expect(await screen.findByText('Batch finished')).toBeInTheDocument();
    expect(screen.getByText('Device upgrade failed')).toBeInTheDocument();
    expect(screen.queryByText('batch.finished')).not.toBeInTheDocument();
  });

  it('disables a notification with a PATCH of enabled', async () => {
    const calls = api({
      'PATCH /api/v1/notifications/n1': ({ body }) => ({ body: aNotification({ enabled: body.enabled }) }),
    });
    renderPage(still(<NotificationsPage />), AT);
    await screen.findByText('ops');
    await user.click(document.querySelector('button.ant-switch[aria-label="Enabled"]')!);
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false }));
  });

  it('deletes a notification only after confirmation', async () => {
    const calls = api({ 'DELETE /api/v1/notifications/n1': { status: 204 } });
    renderPage(still(<NotificationsPage />), AT);
    await user.click(await screen.findByText('Delete'));
    const confirm = within(await popconfirm(/Delete this notification/));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    await clickButton('Delete', confirm);
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/v1/notifications/n1')).toBe(true),
    );
  });

  it('shows a viewer no add button, switch or delete', async () => {
    api();
    renderPage(still(<NotificationsPage />), { ...AT, role: 'viewer' });
    expect(await screen.findByText('ops')).toBeInTheDocument();
    expect(hasButton(ADD)).toBe(false);
    expect(document.querySelector('.ant-switch')).toBeNull();
    expect(screen.queryByText('Delete')).not.toBeInTheDocument();
    expect(screen.getAllByText('Enabled').length).toBeGreaterThan(1);
  });

  describe('add dialog', () => {
    it('refuses a missing URL, a non-http URL, a long name and a malformed token on the client, and sends nothing', async () => {
      const calls = api();
      renderPage(still(<NotificationsPage />), AT);
      const modal = await openAddDialog();
      await clickButton('OK', modal);
      expect(await modal.findByText('Enter the URL')).toBeInTheDocument();

      await user.type(modal.getByLabelText('URL'), 'ftp://hooks.example.com/x');
      await user.type(modal.getByLabelText('Name'), 'n'.repeat(129));
      await user.type(modal.getByLabelText('Token'), 'too-short');
      await clickButton('OK', modal);
      expect(await modal.findByText('must be an http or https URL')).toBeInTheDocument();
      expect(modal.getByText('At most 128 characters')).toBeInTheDocument();
      expect(modal.getByText(/^must be whsec_ and base64/)).toBeInTheDocument();
      expect(calls.some((c) => c.method === 'POST')).toBe(false);
    });

    it("shows the SSRF guard's refusal in words on the url field", async () => {
      api({
        'POST /api/v1/notifications': {
          status: 422,
          body: {
            code: 'ADDRESS_NOT_ALLOWED',
            title: "The URL's host is an internal address that webhooks may not reach",
            status: 422,
            errors: [
              { field: 'url', code: 'ADDRESS_NOT_ALLOWED', message: "host 'intranet.example.com' is an internal address" },
            ],
          },
        },
      });
      renderPage(still(<NotificationsPage />), AT);
      const modal = await openAddDialog();
      const url = modal.getByLabelText('URL');
      await user.type(url, 'https://intranet.example.com/hook');
      await clickButton('OK', modal);
      const said = await modal.findByText(/internal, loopback or reserved address/);
      expect(said.closest(`#${url.id}_help`)).not.toBeNull();
      expect(url).toHaveAttribute('aria-invalid', 'true');
      expect(modal.queryByText(/is an internal address$/)).not.toBeInTheDocument();
    });

    it('sends no token when left empty, shows the generated one once with the warning, and never again after closing', async () => {
      const calls = api({
        'POST /api/v1/notifications': ({ body }) => ({
          status: 201,
          body: aNotification({ id: 'n2', name: body.name, url: body.url, token: TOKEN, messageTypes: body.messageTypes }),
        }),
      });
      renderPage(still(<NotificationsPage />), AT);
      const modal = await openAddDialog();
      await user.type(modal.getByLabelText('Name'), 'ops 2');
      await user.type(modal.getByLabelText('URL'), ' https://hooks.example.com/two ');
      await clickButton('OK', modal);

      expect(await screen.findByDisplayValue(TOKEN)).toBeInTheDocument();
      expect(screen.getByText(/shown this once only/)).toBeInTheDocument();
      expect(hasButton('Copy')).toBe(true);
      const post = calls.find((c) => c.method === 'POST')!;
      expect(post.body).toEqual({
        name: 'ops 2',
        url: 'https://hooks.example.com/two',
        messageTypes: MESSAGE_TYPE_LIST.map((m) => m.type),
      });
      expect(post.body).not.toHaveProperty('token');

      await clickButton('I have saved it');
      await waitFor(() => expect(screen.queryByDisplayValue(TOKEN)).not.toBeInTheDocument());
      expect(screen.queryByText(TOKEN)).not.toBeInTheDocument();
      expect(screen.queryByText(/shown this once only/)).not.toBeInTheDocument();
    });

    it('copies the token to the clipboard', async () => {
      api({ 'POST /api/v1/notifications': { status: 201, body: aNotification({ token: TOKEN }) } });
      renderPage(still(<NotificationsPage />), AT);
      const modal = await openAddDialog();
      await user.type(modal.getByLabelText('URL'), 'https://hooks.example.com/x');
      await clickButton('OK', modal);
      await clickButton('Copy');
      expect(await screen.findByText('Copied')).toBeInTheDocument();
      expect(await navigator.clipboard.readText()).toBe(TOKEN);
    });
  });
});
