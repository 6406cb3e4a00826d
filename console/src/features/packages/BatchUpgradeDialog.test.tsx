import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, stubApi } from '../../test/render';
import { BatchUpgradeDialog } from './BatchUpgradeDialog';
import { batchRequest, BATCH_DEFAULTS } from './batchRequest';
import { aBatch, aPackage } from './fixtures';

const user = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

const preview = {
  considered: 1000,
  devices: 950,
  byFromVersion: { '1.0.0': 900, '1.1.0': 50 },
  excluded: { ALREADY_ON_TARGET: 30, NOT_ON_A_FROM_VERSION: 15, IN_ANOTHER_BATCH: 5, OUTSIDE_SHARE: 0, UNKNOWN_DEVICE: 0 },
  bytes: 996147200,
};

function open(pkg = aPackage()) {
  const props = { onClose: vi.fn(), onCreated: vi.fn() };
  renderPage(<BatchUpgradeDialog pkg={pkg} {...props} />);
  return props;
}

describe('BatchUpgradeDialog', () => {
  it('shows the preview before it allows confirming, and sends the previewed body to both endpoints', async () => {
    const calls = stubApi({
      'POST /api/v1/packages/pkg-1/batches/preview': { body: preview },
      'POST /api/v1/packages/pkg-1/batches': { status: 201, body: aBatch({ id: 'b-9', state: 'RUNNING' }) },
    });
    const { onCreated } = open();
    expect(screen.queryByRole('button', { name: 'Confirm upgrade' })).not.toBeInTheDocument();

    // a comma ends a version as Enter does
    await user().type(screen.getByLabelText('Versions to upgrade'), '1.0.0,1.1.0,');
    await user().click(screen.getByRole('radio', { name: 'A share' }));
    await user().type(await screen.findByLabelText('Share of devices'), '10');
    await user().clear(screen.getByLabelText('Retries'));
    await user().type(screen.getByLabelText('Retries'), '2');
    await user().click(screen.getByRole('button', { name: 'Preview' }));

    const shown = await screen.findByTestId('batch-preview');
    expect(shown).toHaveTextContent('Devices to upgrade950');
    expect(shown).toHaveTextContent('Devices in scope1,000');
    expect(shown).toHaveTextContent('950.0 MiB');
    expect(shown).toHaveTextContent('Already on the target version30');
    expect(shown).toHaveTextContent('Not on a from-version15');
    expect(shown).toHaveTextContent('In another upgrade5');
    expect(shown).not.toHaveTextContent('Outside the share');
    expect(shown).not.toHaveTextContent('ALREADY_ON_TARGET');
    expect(calls.filter((c) => c.url.pathname.endsWith('/batches'))).toHaveLength(0);

    await user().click(screen.getByRole('button', { name: 'Confirm upgrade' }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'b-9' })));
    const [previewed, created] = calls.filter((c) => c.method === 'POST');
    expect(previewed.url.pathname).toBe('/api/v1/packages/pkg-1/batches/preview');
    expect(created.url.pathname).toBe('/api/v1/packages/pkg-1/batches');
    expect(created.body).toEqual(previewed.body);
    expect(previewed.body).toEqual({
      fromVersions: ['1.0.0', '1.1.0'],
      strategy: 'STATIC',
      scope: { type: 'SHARE', percent: 10 },
      ratePerMinute: 1000,
      retry: { count: 2, intervalSeconds: 300 },
      timeoutMinutes: 60,
      mode: 'PUSH',
    });
  });

  it('says in words that the package must be verified or skipped first', async () => {
    stubApi({
      'POST /api/v1/packages/pkg-1/batches/preview': { body: preview },
      'POST /api/v1/packages/pkg-1/batches': {
        status: 409,
        body: { code: 'NOT_VERIFIED', title: 'Conflict', status: 409, detail: 'The package is UNVERIFIED' },
      },
    });
    const { onCreated } = open();
    await user().type(screen.getByLabelText('Versions to upgrade'), '1.0.0,');
    await user().click(screen.getByRole('button', { name: 'Preview' }));
    await user().click(await screen.findByRole('button', { name: 'Confirm upgrade' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The package is not verified yet: run a verification upgrade, or skip verification, before a batch upgrade.',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('checks the scope on the client: a tag of the documented characters, no dynamic group', async () => {
    const calls = stubApi({});
    open();
    await user().type(screen.getByLabelText('Versions to upgrade'), '2.0.0,');
    await user().click(screen.getByRole('radio', { name: 'Dynamic' }));
    await user().click(screen.getByRole('radio', { name: 'Device group' }));
    await user().type(await screen.findByLabelText('Device tag'), 'eu west');
    await user().click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('A tag is 1–32 letters, digits or _ . : -')).toBeInTheDocument();
    expect(screen.getByText('A dynamic upgrade cannot target a device group')).toBeInTheDocument();
    expect(screen.getByText('A version to upgrade cannot be the target version 2.0.0')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("puts the service's field problems on the fields, and the device problems by name", async () => {
    stubApi({
      'POST /api/v1/packages/pkg-1/batches/preview': {
        status: 400,
        body: {
          code: 'VALIDATION_FAILED',
          title: 'Bad Request',
          status: 400,
          errors: [{ field: 'schedule.endAt', code: 'IN_THE_PAST', message: 'must be in the future' }],
        },
      },
    });
    open();
    await user().type(screen.getByLabelText('Versions to upgrade'), '1.0.0,');
    await user().click(screen.getByRole('button', { name: 'Preview' }));
    expect(await screen.findByText('must be in the future')).toBeInTheDocument();
    expect(screen.queryByTestId('batch-preview')).not.toBeInTheDocument();
  });
});

describe('batchRequest', () => {
  it("sends only the scope type's own field and no empty schedule", () => {
    const at = (iso: string) => ({ toISOString: () => iso, valueOf: () => Date.parse(iso) });
    expect(
      batchRequest({
        ...BATCH_DEFAULTS,
        fromVersions: ['1.0.0'],
        'scope.type': 'DEVICES',
        'scope.deviceNames': ['cam-001'],
        'scope.tag': 'left-over',
        'scope.percent': 50,
      }),
    ).toEqual({
      fromVersions: ['1.0.0'],
      strategy: 'STATIC',
      scope: { type: 'DEVICES', deviceNames: ['cam-001'] },
      ratePerMinute: 1000,
      retry: { count: 0, intervalSeconds: 300 },
      timeoutMinutes: 60,
      mode: 'PUSH',
    });
    expect(
      batchRequest({
        ...BATCH_DEFAULTS,
        fromVersions: ['1.0.0'],
        timing: 'SCHEDULED',
        'schedule.startAt': at('2030-01-01T02:00:00.000Z'),
        'schedule.endAt': at('2030-01-01T06:00:00.000Z'),
        abortOn: true,
        'abort.failurePercent': 20,
        'abort.minFinished': 50,
      }),
    ).toMatchObject({
      scope: { type: 'ALL' },
      schedule: { startAt: '2030-01-01T02:00:00.000Z', endAt: '2030-01-01T06:00:00.000Z' },
      abort: { failurePercent: 20, minFinished: 50 },
    });
  });
});
