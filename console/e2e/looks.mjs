// What a user would notice at once: a key where a text should be, JSON where words should be, a
// page wider than the window.
import assert from 'node:assert/strict';

const KEY = /\b(?:app|nav|tab|signIn|role|common|problem|field|packages|notifications|versions|transfers)\.[A-Za-z][\w.]*\b/;

export async function looksRight(page, where) {
  const text = await page.locator('body').innerText();
  const key = text.match(KEY);
  assert.equal(key, null, `${where}: an untranslated key on screen: ${key?.[0]}`);
  assert.doesNotMatch(text, /\{\s*"[\w]+"\s*:/, `${where}: raw JSON on screen`);
  assert.doesNotMatch(text, /\b(?:undefined|null|NaN|\[object Object\])\b/, `${where}: a placeholder value on screen`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${where}: the page is ${overflow}px wider than the 1280px window`);
}
