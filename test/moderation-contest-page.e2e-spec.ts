/**
 * The contest page the API serves at the link of a statement of reasons, for a user who may not be
 * able to sign in: opened in a real browser (Debian's Chromium through playwright-core) from the
 * email of a suspension, read, submitted once, refused the second time; and its answers to forms
 * and to JSON, in each language, for every refusal. Each page is photographed into
 * test-results/contest-page/ (git-ignored) for a reviewer.
 */
import { Clock } from '@marketplace/common';
import { mkdirSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { TestBrowser, WatchedPage } from './support/browser';
import { anAppWithMailbox, closeAppWithMailbox, Mailbox } from './support/mailbox';
import { aMission } from './support/marketplace.builders';
import { GraphQLResponse, TestApp } from './support/test-app';

const SCREENSHOTS = join(__dirname, '..', 'test-results', 'contest-page');
const CONTEST_LINK = /https:\/\/api\.example\.test\/moderation-decisions\/contest\?token=[\w.-]+/;
const SUSPEND = `mutation ($id: ID!) { suspendUser(id: $id, reason: "Demandes répétées de paiement en liquide", groundId: "OFF_PLATFORM_PAYMENT") { id } }`;
const HIDE_MISSION = `mutation ($id: ID!) { hideMission(id: $id, reason: "Annonce trompeuse sur le prix") { id } }`;
const CONTESTS = `{ moderationContests(first: 100) { edges { node { status text decision { kind } } } } }`;
const CONTEST_TEXT = 'Je n’ai jamais demandé de paiement en liquide : relisez nos messages.';

describe('the contest page of a statement of reasons', () => {
  let app: TestApp;
  let mailbox: Mailbox;
  let moderator: SignedInUser;
  let reviewer: SignedInUser;

  beforeAll(async () => {
    ({ app, mailbox } = await anAppWithMailbox({ PUBLIC_API_URL: 'https://api.example.test' }));
    [moderator, reviewer] = await Promise.all([aUserWithRole(app, 'MODERATOR'), aUserWithRole(app, 'MODERATOR')]);
  }, 60_000);
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => closeAppWithMailbox(app, mailbox));

  const data = (response: GraphQLResponse) => {
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  /** The contest links emailed to the user, oldest first, as the worker delivers them over SMTP: path and query, for this API. */
  const contestLinksTo = async (user: SignedInUser): Promise<string[]> => {
    await app.runJobs();
    return mailbox.to(user.email).flatMap((email) => {
      const link = CONTEST_LINK.exec(email.text)?.[0];
      return link ? [`${new URL(link).pathname}${new URL(link).search}`] : [];
    });
  };
  const contestsOf = async (userId: string) =>
    app.dataSource.query(
      `SELECT c.text FROM moderation_contests c JOIN moderation_decisions d ON d.id = c.decision_id WHERE d.user_id = $1`,
      [userId],
    );

  describe('in a real browser', () => {
    let browser: TestBrowser;
    const opened: WatchedPage[] = [];

    beforeAll(async () => {
      browser = await TestBrowser.launch();
      mkdirSync(SCREENSHOTS, { recursive: true });
    }, 30_000);
    afterEach(() => {
      // Nothing the page does may break the API's CSP, call another host, or throw.
      for (const watched of opened.splice(0)) {
        expect(watched.foreignRequests).toEqual([]);
        expect(watched.errors).toEqual([]);
      }
    });
    afterAll(() => browser?.close());

    async function open(path: string): Promise<WatchedPage> {
      const watched = await browser.open(`http://127.0.0.1:${(app.http.address() as AddressInfo).port}${path}`);
      opened.push(watched);
      return watched;
    }
    const shoot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

    it('a suspended user opens the link of their email, reads the decision, contests it once; a moderator sees the contest; a second submission is refused', async () => {
      const user = await aSignedInUser(app);
      data(await app.graphql(SUSPEND, { id: user.id }, moderator.accessToken));
      const [link, ...others] = await contestLinksTo(user);
      expect(others).toEqual([]);
      const login = await app.graphql(`mutation ($i: LoginInput!) { login(input: $i) { accessToken } }`, {
        i: { email: user.email, password: user.password },
      });
      expect(login.errors?.[0]?.extensions.code).toBe('FORBIDDEN');

      // Two tabs on the link: the second one still shows the form once the first has contested.
      const { page } = await open(link!);
      const { page: later, errors: laterErrors } = await open(link!);
      await page.getByRole('heading', { name: 'Contester une décision de modération' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      const decision = await page.locator('dl').innerText();
      expect(decision).toContain('votre compte est suspendu');
      expect(decision).toContain('Demandes répétées de paiement en liquide');
      expect(decision).toContain("Paiement hors plateforme (conditions d'utilisation, article 6.1, v1)");
      expect(decision).toContain('Décision prise par un modérateur, sans moyen automatisé');
      expect(decision).toMatch(/Contestable jusqu'au\s+\d{1,2} \S+ \d{4}/);
      await shoot(page, '01-statement');

      await page.getByLabel(/Pourquoi cette décision est-elle erronée/).fill(CONTEST_TEXT);
      await page.getByRole('button', { name: 'Contester la décision' }).click();
      await page.getByRole('status').getByText('Votre contestation est enregistrée.').waitFor();
      await page.getByText(/Vous avez contesté cette décision le .+ : un autre modérateur/).waitFor();
      expect(await page.locator('form').count()).toBe(0);
      await shoot(page, '02-contested');

      const queue = data(await app.graphql(CONTESTS, {}, reviewer.accessToken)).moderationContests.edges.map((edge: any) => edge.node);
      expect(queue).toContainEqual({ status: 'OPEN', text: CONTEST_TEXT, decision: { kind: 'SUSPENSION' } });

      await later.getByLabel(/Pourquoi cette décision est-elle erronée/).fill('Je conteste une seconde fois cette suspension.');
      const [answer] = await Promise.all([
        later.waitForResponse((response) => response.request().method() === 'POST'),
        later.getByRole('button', { name: 'Contester la décision' }).click(),
      ]);
      expect(answer.status()).toBe(409);
      await later.getByRole('alert').getByText('Vous avez déjà contesté cette décision').waitFor();
      // The page of a refusal comes with its status, which Chromium reports: that one, and nothing else.
      expect(laterErrors.splice(0)).toEqual([expect.stringMatching(/^Failed to load resource: .+ status of 409 \(Conflict\)/)]);
      await shoot(later, '03-refused');
      expect(await contestsOf(user.id)).toEqual([{ text: CONTEST_TEXT }]);
      await Promise.all([page.close(), later.close()]);
    });
  });

  describe('its answers', () => {
    let client: SignedInUser;
    let contested: string;
    let expiring: string;

    beforeAll(async () => {
      client = await aSignedInUser(app, { locale: 'EN' });
      for (let hidden = 0; hidden < 2; hidden++) {
        data(await app.graphql(HIDE_MISSION, { id: await aMission(app, client) }, moderator.accessToken));
      }
      [contested, expiring] = await contestLinksTo(client);
    });

    it("is a page without script in the user's language, never cached, under the API's CSP", async () => {
      const page = await request(app.http).get(contested).set('Accept-Language', 'fr');
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.text).not.toMatch(/<script/i);
      expect(page.text).toContain('<html lang="en">');
      expect(page.text).toContain('one of your missions, ratings or messages is hidden');
      expect(page.text).toContain('Annonce trompeuse sur le prix');
      expect(page.text).toMatch(/<form method="post" action="\/moderation-decisions\/contest\?token=[\w.-]+">/);
    });

    it('takes the form once: a text out of bounds is sent back with the reason, a second post is refused (409), JSON stays JSON', async () => {
      const post = () => request(app.http).post(contested).type('form');
      const short = await post().send({ text: ' court ' });
      expect(short.status).toBe(400);
      expect(short.text).toContain('<p role="alert">Your text must be 10 to 2000 characters: say why the decision is wrong.</p>');
      expect(short.text).toContain('> court </textarea>');
      expect(await contestsOf(client.id)).toEqual([]);
      const tooLong = await post().send({ text: 'x'.repeat(2001) });
      expect(tooLong.status).toBe(400);

      const taken = await post().send({ text: 'The price was right, the ad says it plainly.' });
      expect(taken.status).toBe(200);
      expect(taken.text).toContain('<p role="status">Your contest is recorded.</p>');
      expect(await contestsOf(client.id)).toEqual([{ text: 'The price was right, the ad says it plainly.' }]);

      const again = await post().send({ text: 'And once more, the price was right.' });
      expect(again.status).toBe(409);
      expect(again.text).toContain('You have already contested this decision: each decision is contested once.');
      const asJson = await request(app.http).post(contested).send({ text: 'And once more, the price was right.' });
      expect(asJson.status).toBe(409);
      expect(asJson.body.error).toMatchObject({ code: 'CONFLICT' });
      expect(await contestsOf(client.id)).toHaveLength(1);
    });

    it('says when the window is over, and refuses the form then (409)', async () => {
      const [{ until }] = await app.dataSource.query(
        `SELECT max(contestable_until) AS until FROM moderation_decisions WHERE user_id = $1`,
        [client.id],
      );
      jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(new Date(until).getTime() + 1));
      const page = await request(app.http).get(expiring);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/The time to contest this decision ended on \w+ \d{1,2}, \d{4}\./);
      expect(page.text).not.toContain('<form');
      const late = await request(app.http).post(expiring).type('form').send({ text: 'Too late, but the price was right.' });
      expect(late.status).toBe(409);
      expect(late.text).toContain('The time to contest this decision is over.');
      expect(await contestsOf(client.id)).toHaveLength(1);
    });

    it('answers a bad link with a page in the browser’s language (400), and changes nothing', async () => {
      const altered = `${contested}x`;
      const english = await request(app.http).get(altered).set('Accept-Language', 'en-GB,en;q=0.9');
      expect(english.status).toBe(400);
      expect(english.text).toContain('<p role="alert">This contest link is not valid: use the one in the email, whole.</p>');
      const french = await request(app.http).get('/moderation-decisions/contest');
      expect(french.status).toBe(400);
      expect(french.text).toContain('<html lang="fr">');
      expect(french.text).toContain('Ce lien de contestation n&#39;est pas valide');
      const posted = await request(app.http).post(altered).type('form').send({ text: 'The price was right, the ad says it plainly.' });
      expect(posted.status).toBe(400);
      expect(posted.text).toContain('Ce lien de contestation n&#39;est pas valide');
      const asJson = await request(app.http).post(altered).send({ text: 'The price was right, the ad says it plainly.' });
      expect(asJson.status).toBe(400);
      expect(asJson.body.error).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(await contestsOf(client.id)).toHaveLength(1);
    });
  });
});
