import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { page, renderPage, stubApi } from '../../test/render';
import { AddPackageDialog } from './AddPackageDialog';
import { aPackage, stubUpload } from './fixtures';

const products = {
  'GET /api/v1/products': {
    body: page([
      {
        productKey: 'camera',
        name: 'Camera',
        modules: [{ name: 'default', description: 'module firmware' }, { name: 'mcu' }],
      },
    ]),
  },
};

const user = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

function open(language: 'en' | 'zh-CN' = 'en') {
  const added = vi.fn();
  renderPage(<AddPackageDialog onClose={() => {}} onAdded={added} onOpen={() => {}} />, { language });
  return { added };
}

/** A Blob's text (jsdom's Blob has no text()). */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

/** The field's error text, as the form shows it under the field. */
async function fieldError(label: string | RegExp, text: string | RegExp) {
  const input = screen.getByLabelText(label);
  const item = input.closest('.ant-form-item') as HTMLElement;
  expect(await within(item).findByText(text)).toBeInTheDocument();
}

async function fill({
  type = 'Full',
  name = 'Camera firmware',
  target = '2.0.0',
  from = [] as string[],
  file = new File(['firmware bytes'], 'fw.bin'),
}: { type?: string; name?: string; target?: string; from?: string[]; file?: File | null } = {}) {
  const user = userEvent.setup({ pointerEventsCheck: 0, delay: null });
  await user.click(screen.getByRole('radio', { name: type }));
  await user.type(screen.getByLabelText('Package name'), name);
  await user.click(screen.getByLabelText('Product'));
  await user.click(await screen.findByText('Camera (camera)'));
  if (target) await user.type(screen.getByLabelText('Target version'), target);
  for (const v of from) await user.type(screen.getByLabelText('Versions to upgrade'), `${v},`);
  if (file) await user.upload(document.querySelector('input[type="file"]') as HTMLInputElement, file);
  await user.click(screen.getByRole('button', { name: 'Upload' }));
}

describe('AddPackageDialog', { timeout: 20000 }, () => {
  it('asks a differential package for its versions to upgrade, and sends nothing', async () => {
    stubApi(products);
    const sent = stubUpload({ status: 201, body: aPackage() });
    open();
    await fill({ type: 'Differential' });
    await fieldError('Versions to upgrade', 'Name the versions to upgrade');
    expect(sent).toHaveLength(0);
  });

  it('refuses version characters outside the documented set, and a from-version equal to the target', async () => {
    stubApi(products);
    const sent = stubUpload({ status: 201, body: aPackage() });
    open();
    await fill({ target: '2.0 beta', from: ['2.0-beta'] });
    await fieldError('Target version', 'A version is 1–64 letters, digits or . _ + -');
    await user().clear(screen.getByLabelText('Target version'));
    await user().type(screen.getByLabelText('Target version'), '2.0-beta');
    await user().click(screen.getByRole('button', { name: 'Upload' }));
    await fieldError('Versions to upgrade', 'A version to upgrade cannot be the target version 2.0-beta');
    expect(sent).toHaveLength(0);
  });

  it('asks for a file, and refuses an empty one', async () => {
    stubApi(products);
    const sent = stubUpload({ status: 201, body: aPackage() });
    open();
    await fill({ file: null });
    expect(await screen.findByText('Choose the package file')).toBeInTheDocument();
    await user().upload(document.querySelector('input[type="file"]') as HTMLInputElement, new File([], 'empty.bin'));
    await user().click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByText('The file is empty')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('uploads the metadata as JSON before the file, then shows the digests and the signature', async () => {
    stubApi(products);
    const stored = aPackage({ fromVersions: ['1.0.0'] });
    const sent = stubUpload({ status: 201, body: stored });
    const { added } = open();
    await fill({ from: ['1.0.0'] });
    expect(await screen.findByText('Package "Camera firmware" added')).toBeInTheDocument();

    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(sent[0].url).toBe('/api/v1/packages');
    const [[first, metadata], [second, file]] = sent[0].parts;
    expect([first, second]).toEqual(['metadata', 'file']);
    expect((metadata as Blob).type).toBe('application/json');
    expect(JSON.parse(await readText(metadata as Blob))).toEqual({
      name: 'Camera firmware',
      type: 'FULL',
      productKey: 'camera',
      module: 'default',
      targetVersion: '2.0.0',
      fromVersions: ['1.0.0'],
    });
    expect((file as File).name).toBe('fw.bin');

    expect(screen.getByText(stored.sha256)).toBeInTheDocument();
    expect(screen.getByText(stored.md5)).toBeInTheDocument();
    expect(screen.getByText(stored.signature)).toBeInTheDocument();
    expect(screen.getByText('Ed25519')).toBeInTheDocument();
    expect(screen.getByText(stored.signingKeyId)).toBeInTheDocument();
    expect(screen.getByText('1.0 MiB')).toBeInTheDocument();
    expect(added).toHaveBeenCalledWith(stored);
  });

  it("shows a server's field problem on the field it names", async () => {
    stubApi(products);
    stubUpload({
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        title: 'Bad Request',
        status: 400,
        errors: [{ field: 'fromVersions[0]', code: 'SAME_AS_TARGET', message: 'a package cannot upgrade a version to itself' }],
      },
    });
    open();
    await fill({ from: ['1.0.0'] });
    await fieldError('Versions to upgrade', 'cannot be the target version');
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields are not valid.');
  });

  it('says in words that the same package exists, in Chinese too', async () => {
    stubApi(products);
    stubUpload({
      status: 409,
      body: { code: 'PACKAGE_ALREADY_EXISTS', title: 'Conflict', status: 409, detail: 'duplicate' },
    });
    open('zh-CN');
    const user = userEvent.setup({ pointerEventsCheck: 0, delay: null });
    await user.type(screen.getByLabelText('升级包名称'), 'Camera firmware');
    await user.click(screen.getByLabelText('所属产品'));
    await user.click(await screen.findByText('Camera (camera)'));
    await user.type(screen.getByLabelText('目标版本号'), '2.0.0');
    await user.upload(document.querySelector('input[type="file"]') as HTMLInputElement, new File(['x'], 'fw.bin'));
    await user.click(screen.getByRole('button', { name: /上\s*传/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('已有相同的升级包');
  });

  it("offers the chosen product's modules, the module firmware first", async () => {
    stubApi(products);
    open();
    await user().click(screen.getByLabelText('Product'));
    await user().click(await screen.findByText('Camera (camera)'));
    await user().click(screen.getByLabelText('Upgrade module'));
    await waitFor(() =>
      expect(
        [...document.querySelectorAll('.ant-select-item-option-content')].map((o) => o.textContent),
      ).toEqual(expect.arrayContaining(['Module firmware (default)', 'mcu'])),
    );
  });
});
