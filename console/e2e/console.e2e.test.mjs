// The console in Debian's Chromium against a running platform (UPGRADEHUB_URL, UPGRADEHUB_KEY):
// one operator's afternoon, in order — sign in, add a package, wire a webhook, skip verification,
// preview and start a batch, watch simulated devices upgrade, read the webhook's records, take in
// a transfer in part — then a viewer's look, and every tab in both languages as screenshots.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { call, eventually, platform } from './api.mjs';
import { launch, newPage } from './browser.mjs';
import { looksRight } from './looks.mjs';
import { startReceiver } from './receiver.mjs';
import * as ui from './ui.mjs';

const SHOTS = 'target/e2e/screenshots';
const PRODUCT = 'demo-thermostat';
const stamp = Date.now().toString(36);
const PACKAGE = `E2E thermostat ${stamp}`;
const TARGET = `9.${stamp}`;
const FILE = Buffer.alloc(256 * 1024, `upgradehub console e2e ${stamp}\n`);
const NOTIFICATION = `e2e-${stamp}`;

let browser;
let page;
let receiver;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launch();
  page = await newPage(browser, 'en-US');
  receiver = await startReceiver(process.env.UPGRADEHUB_WEBHOOK_HOST ?? '127.0.0.1');
});

after(async () => {
  await browser?.close();
  await receiver?.close();
});

test('signs in with an API key, and says so when the key is wrong', async () => {
  await page.goto(platform.url + '/');
  await page.getByLabel('API key').fill('uh_not-a-key');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('The API key is not valid').waitFor();
  await page.screenshot({ path: `${SHOTS}/en-sign-in-refused.png` });

  await page.getByLabel('API key').fill(platform.key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('tab', { name: 'Package Management' }).waitFor();
  assert.match(await page.getByTestId('principal').innerText(), /Admin/);
});

test('adds a package with its file, with progress, and shows its digests after', async () => {
  await ui.open(page, '/ota/packages');
  await page.getByRole('button', { name: 'Add package' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Package name').fill(PACKAGE);
  await ui.choose(page, dialog.getByLabel('Product'), 'thermostat', PRODUCT);
  await dialog.getByLabel('Target version').fill(TARGET);
  await dialog.locator('input[type=file]').setInputFiles({ name: 'firmware.bin', mimeType: 'application/octet-stream', buffer: FILE });
  await dialog.getByRole('button', { name: 'Upload', exact: true }).click();
  await dialog.getByText(`Package "${PACKAGE}" added`).waitFor({ timeout: 60_000 });
  const sha256 = createHash('sha256').update(FILE).digest('hex');
  await dialog.getByText(sha256).waitFor();
  await page.screenshot({ path: `${SHOTS}/en-package-added.png` });
  await page.keyboard.press('Escape');
  await ui.search(page, 'Search by package name', PACKAGE);
  await ui.row(page, PACKAGE).waitFor();
});

test('adds a webhook notification, shows its token once, and associates the package', async () => {
  await ui.open(page, '/ota/notifications');
  await page.getByRole('button', { name: 'Add upgrade task notification' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(NOTIFICATION);
  await dialog.getByLabel('URL').fill(receiver.url);
  await dialog.getByRole('button', { name: /OK|Add|Create|Save/ }).last().click();
  await page.getByText('This token is shown this once only', { exact: false }).waitFor();
  await page.screenshot({ path: `${SHOTS}/en-notification-token-once.png` });
  await page.getByRole('button', { name: 'I have saved it' }).click();

  await ui.row(page, NOTIFICATION).getByRole('link', { name: NOTIFICATION }).click();
  await page.getByRole('button', { name: 'Associate upgrade' }).click();
  const associate = page.getByRole('dialog');
  await ui.choose(page, associate.getByLabel('Product'), 'thermostat', PRODUCT);
  await associate.getByRole('row', { name: new RegExp(PACKAGE) }).getByRole('checkbox').check();
  await associate.getByRole('button', { name: /OK|Associate/ }).last().click();
  await ui.row(page, PACKAGE).waitFor();
});

test('skips verification only after warning that it can never run afterwards', async () => {
  await ui.open(page, '/ota/packages');
  await ui.search(page, 'Search by package name', PACKAGE);
  await ui.row(page, PACKAGE).getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('button', { name: 'Skip verification' }).click();
  const confirm = page.getByRole('dialog', { name: 'Skip verification?' });
  await confirm.waitFor();
  assert.match(await confirm.innerText(), /can no longer|never/i);
  await confirm.getByRole('button', { name: /OK|Skip/ }).last().click();
  await ui.row(page, PACKAGE).getByText('Verification skipped').waitFor();
});

test('previews a batch upgrade before starting it', async () => {
  await ui.row(page, PACKAGE).getByRole('button', { name: 'Batch upgrade' }).click();
  const dialog = page.getByRole('dialog');
  await ui.tags(page, dialog.getByLabel('Versions to upgrade'), ['1.0.0', '1.1.0']);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await dialog.getByText('Devices to upgrade').waitFor();
  await page.screenshot({ path: `${SHOTS}/en-batch-preview.png` });
  await dialog.getByRole('button', { name: 'Confirm upgrade' }).click();
  await page.getByText('The batch upgrade was created').waitFor();
  await page.waitForURL(/\/ota\/packages\/[^/?]+\?batch=/);
});

test("simulated devices upgrade, and the batch's counts and the version distribution change on screen", async () => {
  // the batch's progress line counts succeeded devices; the fleet's devices take ~10 s each
  await eventually(
    async () => Number((await page.getByText(/\d+ succeeded/).first().innerText()).match(/(\d+) succeeded/)?.[1] ?? 0),
    (succeeded) => succeeded > 0,
    180,
    'a succeeded device on the details page',
  );
  await page.getByText(/\d+ succeeded/).first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/en-batch-progress.png` });

  await ui.open(page, '/ota/versions');
  await ui.choose(page, page.getByLabel('Product'), 'thermostat', PRODUCT);
  await page.getByRole('cell', { name: TARGET, exact: true }).first().waitFor({ timeout: 60_000 });
});

test('the webhook receives the batch, and its records show the deliveries', async () => {
  await eventually(async () => receiver.received.length, (n) => n > 0, 120, 'a webhook delivery');
  await ui.open(page, '/ota/notifications');
  await ui.row(page, NOTIFICATION).getByRole('link', { name: NOTIFICATION }).click();
  await page.getByRole('tab', { name: 'Notification records' }).click();
  await page.getByRole('cell', { name: 'Delivered' }).first().waitFor({ timeout: 60_000 });
  await page.screenshot({ path: `${SHOTS}/en-notification-records.png` });
});

test('a transferred-in batch is accepted in part', async () => {
  const names = [1, 2, 3].map((n) => `moved-${stamp}-${n}`);
  const transfer = await call('POST', '/api/v1/transfers', {
    source: 'e2e',
    productKey: PRODUCT,
    startVersion: '1.1.0',
    targetVersion: TARGET,
    deviceNames: names,
  });
  await ui.open(page, `/ota/transfers/${transfer.id}`);
  await page.getByRole('tab', { name: /Awaiting review/ }).click();
  for (const name of names.slice(0, 2)) await ui.row(page, name).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: /OK|Accept/ }).last().click();
  await page.getByText('Accepted 2 device(s)').waitFor();
  await eventually(
    () => call('GET', `/api/v1/transfers/${transfer.id}`),
    (t) => (t.counts?.AWAITING_REVIEW ?? t.devices?.AWAITING_REVIEW) === 1,
    60,
    'one device left awaiting review',
  );
  await page.getByRole('tab', { name: /Awaiting review \(?1\)?/ }).waitFor();
  await page.screenshot({ path: `${SHOTS}/en-transfer-accepted-in-part.png` });
});

test('a viewer key sees no button that would be refused', async () => {
  const viewer = await call('POST', '/api/v1/api-keys', { name: `e2e-viewer-${stamp}`, role: 'viewer' });
  const viewerPage = await newPage(browser, 'en-US');
  await viewerPage.goto(platform.url + '/');
  await viewerPage.getByLabel('API key').fill(viewer.key);
  await viewerPage.getByRole('button', { name: 'Sign in' }).click();
  await ui.search(viewerPage, 'Search by package name', PACKAGE);
  await ui.row(viewerPage, PACKAGE).waitFor();
  for (const name of ['Add package', 'Delete', 'Batch upgrade', 'Verify']) {
    assert.equal(await viewerPage.getByRole('button', { name, exact: true }).count(), 0, `a viewer sees "${name}"`);
  }
  await ui.tab(viewerPage, 'Upgrade Task Notifications');
  assert.equal(await viewerPage.getByRole('button', { name: 'Add upgrade task notification' }).count(), 0);
  await viewerPage.context().close();
});

test('every tab reads right in both languages at 1280×800', async () => {
  const tabs = {
    en: ['Package Management', 'Upgrade Task Notifications', 'Version Distribution', 'Transferred-in Device Batches'],
    'zh-CN': ['升级包管理', '升级任务通知', '版本分布', '转入设备批次'],
  };
  const files = ['packages', 'notifications', 'versions', 'transfers'];
  for (const language of ['zh-CN', 'en']) {
    await page.getByText(language === 'en' ? 'English' : '中文', { exact: true }).click();
    for (let i = 0; i < files.length; i++) {
      await ui.tab(page, tabs[language][i]);
      await ui.settled(page);
      await looksRight(page, `${language} ${files[i]}`);
      await page.screenshot({ path: `${SHOTS}/${language}-${files[i]}.png` });
    }
  }
});
