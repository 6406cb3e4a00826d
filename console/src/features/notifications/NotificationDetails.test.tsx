import { screen, waitFor, within } from '@testing-library/react';
import { page, renderPage, stubApi } from '../../test/render';
import { aNotification, anAssociation, aPackage, MESSAGE_TYPE_LIST, PRODUCTS } from './fixtures';
import { NotificationDetails } from './NotificationDetails';
import { choose, clickButton, dialog, hasButton, popconfirm, still, user } from './testEnv';

const AT = { path: '/ota/notifications/:id', at: '/ota/notifications/n1' };
const TOKEN = 'whsec_Q2hhbmdlZCB0b2tlbiwgMzIgYnl0ZXMgb2YgaXQhIQ==';

function api(overrides: Parameters<typeof stubApi>[0] = {}) {
  return stubApi({
    'GET /api/v1/notifications/message-types': { body: MESSAGE_TYPE_LIST },
    'GET /api/v1/notifications/n1': { body: aNotification({ messageTypes: MESSAGE_TYPE_LIST.map((m) => m.type) }) },
    'GET /api/v1/notifications/n1/associations': {
      body: page([
        anAssociation(),
        anAssociation({ packageId: 'p9', packageName: 'Old firmware', packageType: 'DIFF', module: 'mcu', status: null }),
      ]),
    },
    'GET /api/v1/notifications/n1/records': { body: page([]) },
    'GET /api/v1/products': { body: PRODUCTS },
    ...overrides,
  });
}

async function openAssociateDialog() {
  await clickButton('Associate upgrade');
  return dialog('Associate upgrade');
}

describe('NotificationDetails', () => {
  it('shows the configuration and the associated upgrades in words', async () => {
    api();
    renderPage(still(<NotificationDetails />), AT);
    expect(await screen.findByText('Notification configuration')).toBeInTheDocument();
    expect(screen.getByText('All types')).toBeInTheDocument();
    expect(screen.getByText('whsec_…a1B2')).toBeInTheDocument();
    expect(await screen.findByText('Old firmware')).toBeInTheDocument();
    for (const words of ['Full package', 'Differential package', 'Module firmware', 'MCU software', 'Verified', 'Deleted']) {
      expect(screen.getByText(words)).toBeInTheDocument();
    }
    expect(screen.queryByText('VERIFIED')).not.toBeInTheDocument();
    expect(screen.queryByText('DIFF')).not.toBeInTheDocument();
  });

  it('says in words that the notification does not exist', async () => {
    api({
      'GET /api/v1/notifications/n1': {
        status: 404,
        body: { code: 'NOTIFICATION_NOT_FOUND', title: 'No such notification', status: 404, detail: "No notification 'n1'" },
      },
    });
    renderPage(still(<NotificationDetails />), AT);
    expect(await screen.findByText('This upgrade task notification does not exist, or was deleted.')).toBeInTheDocument();
  });

  it('searches the associated upgrades by package name and product', async () => {
    const calls = api();
    renderPage(still(<NotificationDetails />), AT);
    await screen.findByText('Old firmware');
    const form = within(document.querySelector('form#associationSearch') as HTMLElement);
    await user.type(form.getByLabelText('Package name'), 'camera');
    await choose(form.getByLabelText('Product'), 'Camera (camera)');
    await clickButton('Search', form);
    await waitFor(() => {
      const last = calls.filter((c) => c.url.pathname.endsWith('/associations')).at(-1)!;
      expect(last.url.searchParams.get('packageName')).toBe('camera');
      expect(last.url.searchParams.get('productKey')).toBe('camera');
    });
  });

  it("lists a chosen product's packages in the associate dialog and posts the ids ticked", async () => {
    const calls = api({
      'GET /api/v1/packages': {
        body: page([aPackage(), aPackage({ id: 'p2', name: 'Camera delta', type: 'DIFF', targetVersion: '2.1.0' })]),
      },
      'POST /api/v1/notifications/n1/associations': ({ body }) => ({
        body: body.packageIds.map((id: string) => anAssociation({ packageId: id })),
      }),
    });
    renderPage(still(<NotificationDetails />), AT);
    const modal = within(await openAssociateDialog());
    await clickButton('OK', modal);
    // the field's error, not the select's placeholder of the same words
    expect(
      await modal.findByText('Choose a product', { selector: '.ant-form-item-explain-error' }),
    ).toBeInTheDocument();

    await choose(modal.getByLabelText('Product'), 'Camera (camera)');
    const row = (await modal.findByText('Camera delta')).closest('tr')!;
    expect(modal.getByText('Camera firmware')).toBeInTheDocument();
    const listed = calls.find((c) => c.url.pathname === '/api/v1/packages')!;
    expect(listed.url.searchParams.get('productKey')).toBe('camera');

    await user.click(within(row).getByRole('checkbox'));
    await clickButton('OK', modal);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ productKey: 'camera', packageIds: ['p2'] }),
    );
    await waitFor(() => expect(document.querySelector('.ant-modal')).toBeNull());
  });

  it('asks for a package before associating, and sends nothing', async () => {
    const calls = api({ 'GET /api/v1/packages': { body: page([aPackage()]) } });
    renderPage(still(<NotificationDetails />), AT);
    const modal = within(await openAssociateDialog());
    await choose(modal.getByLabelText('Product'), 'Camera (camera)');
    await modal.findByText('Camera firmware');
    await clickButton('OK', modal);
    expect(await modal.findByText('Tick at least one package')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('names the refused package in words when the service does not know it yet', async () => {
    api({
      'GET /api/v1/packages': { body: page([aPackage()]) },
      'POST /api/v1/notifications/n1/associations': {
        status: 422,
        body: {
          code: 'UNKNOWN_PACKAGE',
          title: 'No such package',
          status: 422,
          errors: [{ field: 'packageIds[0]', code: 'UNKNOWN_PACKAGE', message: "no package 'p1'" }],
        },
      },
    });
    renderPage(still(<NotificationDetails />), AT);
    const modal = within(await openAssociateDialog());
    await choose(modal.getByLabelText('Product'), 'Camera (camera)');
    const row = (await modal.findByText('Camera firmware')).closest('tr')!;
    await user.click(within(row).getByRole('checkbox'));
    await clickButton('OK', modal);
    const said = await modal.findByText(/does not know some of the packages yet/);
    const alert = said.closest('[role="alert"]')!;
    expect(alert).toHaveTextContent('Camera firmware 2.0.0');
    expect(alert).toHaveTextContent('the platform does not know this package yet');
    expect(alert).not.toHaveTextContent('packageIds');
  });

  it('rotates the token after confirmation and shows the new one once', async () => {
    const calls = api({
      'POST /api/v1/notifications/n1/token': { body: aNotification({ token: TOKEN, tokenHint: 'whsec_…IQ==' }) },
    });
    renderPage(still(<NotificationDetails />), AT);
    await clickButton('Rotate token');
    expect(calls.some((c) => c.url.pathname.endsWith('/token'))).toBe(false);
    await clickButton('OK', within(await popconfirm(/Generate a new token/)));
    expect(await screen.findByDisplayValue(TOKEN)).toBeInTheDocument();
    expect(screen.getByText(/shown this once only/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST' && c.url.pathname === '/api/v1/notifications/n1/token')).toBe(true);
    await clickButton('I have saved it');
    await waitFor(() => expect(screen.queryByDisplayValue(TOKEN)).not.toBeInTheDocument());
    expect(screen.queryByText(TOKEN)).not.toBeInTheDocument();
    expect(screen.getByText('whsec_…IQ==')).toBeInTheDocument();
  });

  it("speaks the spec's Chinese labels", async () => {
    api();
    renderPage(still(<NotificationDetails />), { ...AT, language: 'zh-CN' });
    expect(await screen.findByText('升级任务通知配置')).toBeInTheDocument();
    await screen.findByText('Old firmware');
    for (const label of ['关联升级列表', '通知记录', '升级包名称', '升级包类型', '目标版本号', '所属产品', '升级模块', '状态']) {
      expect(screen.getAllByText(label).length).toBeGreaterThan(0);
    }
    expect(hasButton('关联升级')).toBe(true);
    expect(screen.getByText('差分包')).toBeInTheDocument();
  });

  it('edits a notification: refuses a non-http URL, then sends only what changed', async () => {
    const calls = api({
      'PATCH /api/v1/notifications/n1': ({ body }) => ({ body: aNotification({ ...body }) }),
    });
    renderPage(still(<NotificationDetails />), AT);
    await clickButton('Edit');
    const modal = within(await dialog('Edit upgrade task notification'));
    const url = modal.getByLabelText('URL');
    await user.clear(url);
    await user.type(url, 'mailto:ops@example.com');
    await clickButton('Save', modal);
    expect(await modal.findByText('must be an http or https URL')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);

    await user.clear(url);
    await user.type(url, 'https://hooks.example.com/upgrades');
    await user.clear(modal.getByLabelText('Name'));
    await user.type(modal.getByLabelText('Name'), 'ops renamed');
    await clickButton('Save', modal);
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ name: 'ops renamed' }));
    expect(await screen.findByText('Saved')).toBeInTheDocument();
  });

  it('shows a viewer no associate, dissociate, edit, rotate or delete, and no switch', async () => {
    api();
    renderPage(still(<NotificationDetails />), { ...AT, role: 'viewer' });
    expect(await screen.findByText('Old firmware')).toBeInTheDocument();
    for (const text of ['Associate upgrade', 'Edit', 'Rotate token', 'Delete']) {
      expect(hasButton(text)).toBe(false);
    }
    expect(screen.queryByText('Dissociate')).not.toBeInTheDocument();
    expect(document.querySelector('.ant-switch')).toBeNull();
    expect(screen.getAllByText('Enabled').length).toBeGreaterThan(1);
  });
});
