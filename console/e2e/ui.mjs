// The console's building blocks as a user meets them (Ant Design underneath).

/** Opens a tab of Remote Upgrade and waits for its table or page to settle. */
export async function tab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click();
  await settled(page);
}

/** Waits until the page's requests are answered, no spinner turns and the tab bar stands still. */
export async function settled(page) {
  await page.waitForTimeout(300);
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning'), null, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

/** The table row that shows `text`. */
export function row(page, text) {
  return page.locator('tr', { hasText: text }).first();
}

/** Types into a search box, then searches. */
export async function search(page, placeholder, text) {
  await page.getByPlaceholder(placeholder).fill(text);
  await page.getByPlaceholder(placeholder).press('Enter');
  await settled(page);
}

/**
 * Picks the option showing `option` in a select: types `typed` first (a server search, e.g. part
 * of a product's name), then clicks the option once the answer is shown.
 */
export async function choose(page, select, typed, option = typed) {
  await select.click();
  await select.fill(typed).catch(() => {});
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Opens a console path afresh (no dialog left open by an earlier step). */
export async function open(page, path) {
  await page.goto(new URL(path, page.url()).toString());
  await settled(page);
}

/** Enters values into a tags select, one by one. */
export async function tags(page, select, values) {
  await select.click();
  for (const value of values) {
    await select.fill(value);
    await select.press('Enter');
  }
  await select.press('Escape');
}
