/**
 * The moderators' desk in a real browser (Debian's Chromium through playwright-core) against the
 * API started here, as a moderator uses it: sign-in, the identity queue, reports, disputes, money
 * and the log. Each page is photographed into test-results/desk/ (git-ignored) for a reviewer.
 */
import { Clock } from '@marketplace/common';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { TestBrowser, WatchedPage } from './support/browser';
import { A_PDF } from './support/documents.builders';
import { aSubmission, anUploadedDocument } from './support/identity.builders';
import { aMission, aProvider } from './support/marketplace.builders';
import { aDisputedMissionWithConversation } from './support/payments.builders';
import { TestApp } from './support/test-app';

const SCREENSHOTS = join(__dirname, '..', 'test-results', 'desk');
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

/** A real picture of a document (the browser must decode it), 320 × 200. */
async function aDocumentPicture() {
  const card = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200"><rect width="320" height="200" rx="12" fill="#dfe8f5"/>
    <text x="20" y="40" font-size="18" font-family="sans-serif">RÉPUBLIQUE FRANÇAISE</text>
    <text x="20" y="90" font-size="16" font-family="sans-serif">Carte nationale d'identité</text></svg>`;
  return Buffer.from(await sharp(Buffer.from(card)).png().toBuffer());
}

async function aCase(app: TestApp, legalName: string, document?: typeof A_PDF): Promise<SignedInUser & { caseId: string }> {
  const user = await aSignedInUser(app, { displayName: legalName });
  const documentId = await anUploadedDocument(app, user, document ?? (await aDocumentPicture()));
  const submitted = await app.graphql(
    `mutation ($input: SubmitIdentityVerificationInput!) { submitIdentityVerification(input: $input) { id } }`,
    { input: aSubmission([documentId], { legalName, dateOfBirth: '1988-02-29' }) },
    user.accessToken,
  );
  if (!submitted.data) throw new Error(JSON.stringify(submitted.errors));
  return { ...user, caseId: submitted.data.submitIdentityVerification.id };
}

describe('the moderators’ desk at /desk', () => {
  let app: TestApp;
  let browser: TestBrowser;
  let deskUrl: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    // As `npm run build:desk` (npm start) does, in a few seconds, while the API and the browser start.
    const root = join(__dirname, '..');
    const build = promisify(execFile)(
      process.execPath,
      [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'apps/desk/vite.config.mts'],
      // Jest sets NODE_ENV=test, which would bundle React's development build.
      { cwd: root, env: { ...process.env, NODE_ENV: 'production' } },
    );
    [app, browser] = await Promise.all([TestApp.start(), TestBrowser.launch(), build]);
    deskUrl = `http://127.0.0.1:${(app.http.address() as AddressInfo).port}/desk/`;
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);
  afterEach(() => {
    // Nothing the desk does may break its CSP, call another host, or throw.
    for (const watched of opened.splice(0)) {
      expect(watched.foreignRequests).toEqual([]);
      expect(watched.errors).toEqual([]);
    }
  });
  afterAll(() => Promise.all([app?.close(), browser?.close()]));

  async function openDesk(size = LAPTOP, before?: (page: Page) => Promise<void>): Promise<Page> {
    const watched = await browser.open(deskUrl, async (page) => {
      await page.setViewportSize(size);
      await before?.(page);
    });
    opened.push(watched);
    return watched.page;
  }

  async function signIn(page: Page, user: SignedInUser): Promise<void> {
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('refuses a non-moderator with a clear message (and the API refuses their calls anyway)', async () => {
    const user = await aSignedInUser(app);
    const page = await openDesk();
    await shoot(page, '01-sign-in');
    await signIn(page, user);
    await page.getByRole('alert').getByText('This account is not a moderator’s or an admin’s: the desk is closed to it.').waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await shoot(page, '02-refused');
    const queue = await app.graphql('{ identityVerificationQueue { edges { node { id } } } }', {}, user.accessToken);
    expect(queue.errors?.[0].extensions.code).toBe('FORBIDDEN');
    await page.close();
  });

  it('opens the oldest case, claimed, with its document image beside the legal name; approving shows the badge in the API and opens the next case', async () => {
    const oldest = await aCase(app, 'Camille Martin');
    const next = await aCase(app, 'Dominique Petit', A_PDF);
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const page = await openDesk();
    await signIn(page, moderator);

    const current = page.getByRole('article');
    await current.getByRole('heading', { name: 'Camille Martin' }).waitFor();
    await current.getByRole('button', { name: 'Claim the case' }).click();
    await current.getByText('You are handling this case.').waitFor();
    const image = current.getByRole('img', { name: 'Document 1 — Camille Martin' });
    await image.waitFor();
    const picture = await image.evaluate((element) => {
      const { complete, naturalWidth } = element as unknown as { complete: boolean; naturalWidth: number };
      return { complete, naturalWidth };
    });
    expect(picture).toEqual({ complete: true, naturalWidth: 320 });
    expect(await current.locator('.date-of-birth').textContent()).toBe('1988-02-29');
    await shoot(page, '03-identity-case');
    await page.setViewportSize(TABLET);
    await shoot(page, '04-identity-case-tablet');
    await page.setViewportSize(LAPTOP);

    await page.keyboard.press('a');
    await page.getByRole('status').getByText('Identity approved.').waitFor();
    await current.getByRole('heading', { name: 'Dominique Petit' }).waitFor();
    const badge = await app.graphql(`query ($id: ID!) { user(id: $id) { isIdentityVerified identityStatus } }`, { id: oldest.id });
    expect(badge.data!.user).toEqual({ isIdentityVerified: true, identityStatus: 'APPROVED' });

    // The next case, a PDF shown inline, rejected from the keyboard: R goes to the reason, a reason is picked from the list.
    await current.getByRole('button', { name: 'Claim the case' }).click();
    await current.getByText('You are handling this case.').waitFor();
    const pdf = current.locator('iframe[title="Document 1 — Dominique Petit"]');
    expect(await pdf.getAttribute('src')).toMatch(/^blob:/);
    // Chromium's PDF viewer takes the focus as it opens; the desk gives it back, for the shortcuts (the viewer is slow on a busy machine).
    await (await (await pdf.elementHandle())!.contentFrame())!.waitForLoadState('load');
    await page.waitForFunction(() => (globalThis as any).document.activeElement?.tagName !== 'IFRAME', undefined, { timeout: 20_000 });
    await page.keyboard.press('r');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('TEXTAREA');
    await current.getByLabel('Reason', { exact: true }).selectOption('The document is unreadable');
    await current.getByRole('button', { name: 'Reject (R)' }).click();
    await page.getByRole('status').getByText('Case rejected.').waitFor();
    const rejected = await app.graphql(`{ myIdentityVerification { status rejectionReason } }`, {}, next.accessToken);
    expect(rejected.data!.myIdentityVerification).toEqual({ status: 'REJECTED', rejectionReason: 'The document is unreadable' });
    await page.getByText('Nothing to do.').waitFor();
    await page.close();
  });

  it('shows the second moderator on a case that it is taken; an expired session returns to sign-in and keeps the half-written reason', async () => {
    const applicant = await aCase(app, 'Alex Bernard');
    const [first, second] = await Promise.all([aUserWithRole(app, 'MODERATOR'), aUserWithRole(app, 'ADMIN')]);
    const firstPage = await openDesk(LAPTOP, (page) => page.clock.install());
    const secondPage = await openDesk(TABLET);
    await Promise.all([signIn(firstPage, first), signIn(secondPage, second)]);
    await Promise.all([firstPage, secondPage].map((page) => page.getByRole('heading', { name: 'Alex Bernard' }).waitFor()));

    await firstPage.getByRole('button', { name: 'Claim the case' }).click();
    await firstPage.getByText('You are handling this case.').waitFor();
    await secondPage.getByRole('button', { name: 'Claim the case' }).click();
    await secondPage.getByRole('alert').getByText('Another moderator has taken this case.').waitFor();
    await secondPage
      .getByRole('button', { name: /^Alex Bernard/ })
      .getByText(`Taken by ${first.displayName}`)
      .waitFor();
    await shoot(secondPage, '05-identity-taken-tablet');

    const reason = 'La photo est floue, on ne lit pas';
    await firstPage.getByLabel('Written reason').fill(reason);
    // The sign-in lapses on the server (its refresh token is past REFRESH_TOKEN_TTL_DAYS): the desk's refresh fails.
    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 31 * 24 * 3600 * 1000));
    try {
      await firstPage.clock.fastForward('15:00');
      await firstPage.getByRole('status').getByText('Your session expired: sign in again, your drafts are kept.').waitFor();
    } finally {
      clock.mockRestore();
    }
    await shoot(firstPage, '06-session-expired');
    await signIn(firstPage, first);
    expect(await firstPage.getByLabel('Written reason').inputValue()).toBe(reason);
    await firstPage.getByLabel('Written reason').fill(`${reason}.`);
    await firstPage.getByRole('button', { name: 'Reject (R)' }).click();
    await firstPage.getByRole('status').getByText('Case rejected.').waitFor();
    const rejected = await app.graphql(`{ myIdentityVerification { status rejectionReason } }`, {}, applicant.accessToken);
    expect(rejected.data!.myIdentityVerification).toEqual({ status: 'REJECTED', rejectionReason: `${reason}.` });
    await Promise.all([firstPage.close(), secondPage.close()]);
  });

  it('refreshes the access token before it expires, in memory only', async () => {
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const page = await openDesk(LAPTOP, (page) => page.clock.install());
    const refreshes: unknown[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.postDataJSON()?.query?.includes('refreshSession')) refreshes.push(request.postDataJSON());
    });
    await signIn(page, moderator);
    await page.getByRole('navigation').waitFor();
    await page.clock.fastForward('14:30');
    await page.waitForResponse((response) => response.request().postDataJSON()?.query?.includes('refreshSession'));
    await page.getByRole('button', { name: 'Log' }).click();
    await page.getByRole('table').waitFor();
    expect(refreshes).toHaveLength(1);
    expect(await page.evaluate('[localStorage.length, sessionStorage.length, document.cookie]')).toEqual([0, 0, '']);
    await page.close();
  });

  it('acts on a reported message in its conversation: hidden with a reason, the report closed', async () => {
    const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
    const provider = await aProvider(app);
    const missionId = await aMission(app, client, { title: 'Repeindre une chambre' });
    const sent = await app.graphql(
      `mutation ($m: ID!) { sendMessage(missionId: $m, text: "Payez-moi en liquide, hors plateforme, c'est moins cher") { id } }`,
      { m: missionId },
      provider.accessToken,
    );
    const messageId = sent.data!.sendMessage.id;
    const reported = await app.graphql(
      `mutation ($id: ID!) { report(target: MESSAGE, targetId: $id, reason: "Il me demande de payer en liquide") { id } }`,
      { id: messageId },
      client.accessToken,
    );
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const page = await openDesk();
    await signIn(page, moderator);
    await page.keyboard.press('Alt+2');
    const report = page.getByRole('article').filter({ hasText: 'Il me demande de payer en liquide' });
    await report.getByText("Payez-moi en liquide, hors plateforme, c'est moins cher").waitFor();
    await report.getByText('Repeindre une chambre').waitFor();
    await shoot(page, '07-reports');
    await report.getByLabel('Reason', { exact: true }).selectOption('Contact details or payment off the platform');
    await report.getByRole('button', { name: 'Hide' }).click();
    await page.getByRole('status').getByText('Done.').waitFor();

    const seen = await app.graphql(
      `query ($id: ID!) { node(id: $id) { ... on Message { hidden text } } }`,
      { id: messageId },
      client.accessToken,
    );
    expect(seen.data!.node).toEqual({ hidden: true, text: null });
    const closed = await app.graphql(`{ reports(status: ACTIONED) { edges { node { id } } } }`, {}, moderator.accessToken);
    expect(closed.data!.reports.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(reported.data!.report.id);
  });

  it('settles a dispute with a split seen by both sides, checks its books and finds it in the log', async () => {
    const { client, provider, missionId } = await aDisputedMissionWithConversation(app, {
      title: 'Monter une cuisine',
      question: 'Je peux venir samedi avec mes outils.',
      reason: 'Il manque la moitié des meubles.',
    });

    const moderator = await aUserWithRole(app, 'MODERATOR');
    const page = await openDesk();
    await signIn(page, moderator);
    await page.getByRole('button', { name: 'Disputes' }).click();
    const dispute = page.getByRole('article').filter({ hasText: 'Monter une cuisine' });
    await dispute.getByText('Il manque la moitié des meubles.').waitFor();
    await dispute.getByText('Je peux venir samedi avec mes outils.').waitFor();
    expect(await dispute.locator('.payment').textContent()).toContain('€120.00');
    await shoot(page, '08-dispute');
    await dispute.getByLabel('Split').check();
    await dispute.getByLabel('Back to the client (€)').fill('50');
    await dispute.getByLabel('Decision note').fill('La moitié du travail est faite.');
    await dispute.getByRole('button', { name: 'Settle' }).click();
    await page.getByRole('status').getByText('Dispute settled.').waitFor();

    // The refund and the payout go in jobs, as the worker would run them.
    await app.runJobs();
    await app.runJobs();
    const SETTLED = `query ($id: ID!) { mission(id: $id) { status payment { status refundedCents payout { amountCents } } } }`;
    for (const side of [client, provider]) {
      const seen = await app.graphql(SETTLED, { id: missionId }, side.accessToken);
      // 120 € paid, 50 € back to the client, the rest to the provider less the 10 % fee on their part.
      expect(seen.data!.mission).toEqual({
        status: 'COMPLETED',
        payment: { status: 'PARTIALLY_REFUNDED', refundedCents: 5000, payout: { amountCents: 6300 } },
      });
    }

    await page.getByRole('button', { name: 'Money' }).click();
    await page.getByLabel("The mission's id").fill(missionId);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText("The mission's books are right.").waitFor();
    await shoot(page, '09-money');

    await page.getByRole('button', { name: 'Log' }).click();
    await page.getByLabel('Action').selectOption('RESOLVE_DISPUTE');
    await page.getByLabel('Target (id)').fill(missionId);
    await page.getByRole('button', { name: 'Filter' }).click();
    const rows = page.locator('table.log tbody tr');
    await rows.filter({ hasText: 'RESOLVE_DISPUTE' }).waitFor();
    expect(await rows.count()).toBe(1);
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByRole('heading', { name: 'Journal de modération' }).waitFor();
    await shoot(page, '10-log-fr');
  });
});
