/**
 * Debian's headless Chromium, driven by playwright-core (which never downloads a browser), for
 * tests of what the API serves to browsers. The machine may have no network at all: the flags keep
 * Chromium from calling home, and each page records what it asked of hosts other than the API's
 * and every console error (CSP violations among them).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const QUIET_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WatchedPage {
  page: Page;
  /** Requests to any origin other than `origin`. */
  foreignRequests: string[];
  /** Console errors and CSP violations reported by the page. */
  errors: string[];
}

export class TestBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly userDataDir: string,
  ) {}

  static async launch(): Promise<TestBrowser> {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(`No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH).`);
    }
    const userDataDir = mkdtempSync(join(tmpdir(), 'marketplace-chromium-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: QUIET_FLAGS,
      timeout: 15_000,
    });
    return new TestBrowser(context, userDataDir);
  }

  /** A new page that records foreign requests and errors, opened at `url`; `before` runs first (e.g. to install a fake clock). */
  async open(url: string, before?: (page: Page) => Promise<void>): Promise<WatchedPage> {
    const page = await this.context.newPage();
    await before?.(page);
    // Within a test's time: what does not show up in seconds will not show up.
    page.setDefaultTimeout(5000);
    const origin = new URL(url).origin;
    const watched: WatchedPage = { page, foreignRequests: [], errors: [] };
    page.on('request', (request) => {
      const requested = new URL(request.url());
      // Chromium's own pages (its PDF viewer's chrome:// files) go nowhere on the network.
      const network = ['http:', 'https:', 'ws:', 'wss:'].includes(requested.protocol);
      if (requested.origin !== origin && network) watched.foreignRequests.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') watched.errors.push(`${message.text()} (${message.location().url})`);
    });
    page.on('pageerror', (error) => watched.errors.push(error.message));
    await page.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) =>
        console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + event.blockedURI))`,
    });
    await page.goto(url);
    return watched;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
