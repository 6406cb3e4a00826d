import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { aBatch, aPackage } from './fixtures';
import { VerificationDialog } from './VerificationDialog';

const user = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

/** Clicks the option of an open select that shows `text`. */
async function pick(text: string) {
  const found = await screen.findAllByText(text);
  const option = found.find((e) => e.closest('.ant-select-item-option'));
  expect(option).toBeDefined();
  await user().click(option!);
}

const devices = {
  'GET /api/v1/products/camera/devices': {
    body: page([
      { deviceName: 'cam-001', versions: { default: { version: '1.0.0' } } },
      { deviceName: 'cam-002', versions: { default: { version: '2.0.0' } } },
    ]),
  },
};

function open(pkg = aPackage({ status: 'UNVERIFIED', fromVersions: ['1.0.0', '1.1.0'], type: 'DIFF' })) {
  const props = { onClose: vi.fn(), onStarted: vi.fn(), onSkipped: vi.fn() };
  renderPage(<VerificationDialog pkg={pkg} {...props} />);
  return props;
}

describe('VerificationDialog', { timeout: 20000 }, () => {
  it('warns that skipping is for good before it calls the API, then skips', async () => {
    const calls = stubApi({
      ...devices,
      'POST /api/v1/packages/pkg-1/verifications/skip': { body: { packageId: 'pkg-1', status: 'VERIFY_SKIPPED' } },
    });
    const { onSkipped } = open();
    await user().click(screen.getByRole('button', { name: 'Skip verification' }));
    const warning = await screen.findByText(/it can never be verified afterwards/);
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    const confirm = warning.closest('.ant-modal') as HTMLElement;
    await user().click(within(confirm).getByRole('button', { name: 'Skip verification' }));
    await waitFor(() => expect(onSkipped).toHaveBeenCalledWith('VERIFY_SKIPPED'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual([
      '/api/v1/packages/pkg-1/verifications/skip',
    ]);
  });

  it('asks for versions and devices before sending anything', async () => {
    const calls = stubApi(devices);
    open();
    await user().click(screen.getByRole('button', { name: 'Start verification' }));
    expect(await screen.findByText('Name the versions to upgrade')).toBeInTheDocument();
    expect(screen.getByText('Choose at least one device')).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  });

  it("sends the chosen versions, mode and devices, and names each device the service refused, and why", async () => {
    const calls = stubApi({
      ...devices,
      'POST /api/v1/packages/pkg-1/verifications': {
        status: 422,
        body: {
          code: 'DEVICES_NOT_ELIGIBLE',
          title: 'Unprocessable',
          status: 422,
          errors: [{ field: 'deviceNames[1]', code: 'ALREADY_ON_TARGET', message: 'already runs the target version' }],
        },
      },
    });
    const { onStarted } = open();
    await user().click(screen.getByLabelText('Versions to upgrade'));
    await pick('1.1.0');
    await user().click(screen.getByRole('radio', { name: 'Device pull' }));
    await user().type(screen.getByLabelText('Devices (1–100)'), 'cam');
    await pick('cam-001');
    await pick('cam-002');
    await user().click(screen.getByRole('button', { name: 'Start verification' }));

    expect(await screen.findByText('cam-002: already on the target version')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Some chosen devices cannot verify this package now.');
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toEqual({ fromVersions: ['1.1.0'], mode: 'PULL', deviceNames: ['cam-001', 'cam-002'], timeoutMinutes: 60 });
    expect(calls.some((c) => c.url.pathname.endsWith('/devices') && c.url.searchParams.get('name') === 'cam')).toBe(true);
    expect(onStarted).not.toHaveBeenCalled();
  });

  it('tells the batch it started', async () => {
    stubApi({ ...devices, 'POST /api/v1/packages/pkg-1/verifications': { status: 201, body: aBatch({ id: 'v-1', kind: 'VERIFY' }) } });
    const { onStarted } = open(aPackage({ status: 'VERIFY_FAILED' }));
    await user().type(screen.getByLabelText('Versions to upgrade'), '1.0.0,');
    await user().click(screen.getByLabelText('Devices (1–100)'));
    await pick('cam-001');
    await user().click(screen.getByRole('button', { name: 'Start verification' }));
    await waitFor(() => expect(onStarted).toHaveBeenCalledWith(expect.objectContaining({ id: 'v-1' })));
  });
});
