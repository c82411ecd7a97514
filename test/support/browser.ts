import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH when set (it must exist), Debian's
 * /usr/bin/chromium when installed, otherwise the one inside the npm package
 * @sparticuz/chromium (a devDependency, so `npm install` alone is enough; it unpacks to the
 * temp folder on first use, about 3 s). Resolved once per run, in the global setup, so
 * parallel test files never unpack it at the same time. Never a skip: no browser is an error.
 */
export async function resolveChromium(): Promise<{ path: string; from: string }> {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH is ${explicit}, which does not exist. Unset it to use the Chromium that comes with npm install.`);
    return { path: explicit, from: 'CHROMIUM_PATH' };
  }
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, from: 'Debian' };
  const { default: packaged } = await import('@sparticuz/chromium');
  return { path: await packaged.executablePath(), from: '@sparticuz/chromium' };
}

/**
 * Headless, and quiet on a closed network: without the background-networking flags Chromium
 * keeps opening connections to Google's services, which this machine refuses.
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
