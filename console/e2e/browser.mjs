// Debian's Chromium driven by playwright-core: nothing is downloaded, and the flags keep it off
// the network this machine does not have (background services, component updates, sync).
import { chromium } from 'playwright-core';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.UPGRADEHUB_CHROMIUM ?? '/usr/bin/chromium',
    args: FLAGS,
  });
}

/** A new tab at 1280×800 (the size the console must not break at), in a browser language. */
export async function newPage(browser, locale) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
  context.setDefaultTimeout(20_000);
  return context.newPage();
}
