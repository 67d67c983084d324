import { Clock } from '@marketplace/common';
import { Logger } from '@nestjs/common';
import { Notice, NotificationKind, Notifier } from '@marketplace/notifications';
import { RealtimeEvents } from '@marketplace/realtime';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aSubmittedVerification } from './support/identity.builders';
import { Mailbox, ReceivedEmail } from './support/mailbox';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import {
  aCompletedMission,
  aDeliveredMission,
  anAssignedMission,
  onboard,
  pay,
  paymentIntentIdOf,
  waitFor,
} from './support/payments.builders';
import { subscribe, until } from './support/subscriptions';
import { errorCodes, TestApp } from './support/test-app';

const NOTIFICATIONS = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id kind text createdAt readAt conversationId mission { id title } } }
    pageInfo { hasNextPage endCursor }
  }
  unreadNotificationCount
}`;
const MARK_READ = `mutation ($ids: [ID!], $all: Boolean) {
  markNotificationsRead(ids: $ids, all: $all) { notifications { id readAt } unreadNotificationCount }
}`;
const PREFERENCES = `mutation ($p: [NotificationPreferenceInput!]!) { updateNotificationPreferences(preferences: $p) { kind email } }`;
const ACCEPT = `mutation ($id: ID!, $expected: Int) { acceptBid(id: $id, expectedAmountCents: $expected) { id } }`;
const DAY_MS = 86_400_000;

interface NotificationNode {
  id: string;
  kind: string;
  text: string;
  createdAt: string;
  readAt: string | null;
  conversationId: string | null;
  mission: { id: string; title: string } | null;
}

describe('notifications', () => {
  let mailbox: Mailbox;
  let app: TestApp;
  beforeAll(async () => {
    mailbox = await Mailbox.start();
    app = await TestApp.start({ SMTP_URL: mailbox.url, PUBLIC_APP_URL: 'https://app.example.test', PAYOUT_MAX_ATTEMPTS: '2' });
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });
  let moderator: SignedInUser;
  afterEach(() => jest.restoreAllMocks());

  /**
   * Without the providers' billing mandate, a completed mission gets no invoice: the provider hears
   * what is missing and the client gets a receipt, at the completion (test/payment-receipts.e2e-spec.ts).
   */
  const withoutInvoicing = (kinds: string[]) => kinds.filter((kind) => kind !== 'INVOICE_MISSING' && kind !== 'PAYMENT_RECEIPT');

  /** The kinds of the user's notifications, newest first. */
  async function kindsOf(user: SignedInUser): Promise<string[]> {
    return (await notificationsOf(user)).map((node) => node.kind);
  }

  /** The user's notification of `kind` (the newest). */
  async function noticeOf(user: SignedInUser, kind: string): Promise<NotificationNode> {
    const found = (await notificationsOf(user)).find((node) => node.kind === kind);
    if (!found) throw new Error(`No ${kind} for ${user.email}`);
    return found;
  }

  async function subjectsTo(user: SignedInUser): Promise<string[]> {
    return (await emailsTo(user)).map((email) => email.subject);
  }

  async function inEnglish(user: SignedInUser): Promise<SignedInUser> {
    await app.graphql(`mutation { updateProfile(input: { locale: EN }) { locale } }`, {}, user.accessToken);
    return user;
  }

  async function asModerator(query: string, variables: Record<string, unknown>): Promise<void> {
    const response = await app.graphql(query, variables, moderator.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
  }

  /** Runs the jobs as if `ms` had passed. */
  async function runJobsLater(ms: number): Promise<void> {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + ms));
    await app.runJobs({ dueNow: true });
    await app.runJobs();
    jest.restoreAllMocks();
  }

  async function notificationsOf(user: SignedInUser, variables: Record<string, unknown> = {}): Promise<NotificationNode[]> {
    const response = await app.graphql(NOTIFICATIONS, variables, user.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.notifications.edges.map((edge: { node: NotificationNode }) => edge.node);
  }

  async function unreadCountOf(user: SignedInUser): Promise<number> {
    return (await app.graphql(`{ unreadNotificationCount }`, {}, user.accessToken)).data!.unreadNotificationCount;
  }

  /** Delivers what the outbox holds, as the worker would, and gives what arrived for `user` since the test began. */
  async function emailsTo(user: SignedInUser): Promise<ReceivedEmail[]> {
    await app.runJobs();
    return mailbox.to(user.email).filter((email) => !/adresse e-mail|email address|Bienvenue|Welcome/.test(email.subject));
  }

  function notify(notice: Notice): Promise<void> {
    return app.dataSource.transaction((manager) => app.app.get(Notifier).notify(manager, notice));
  }

  const message = (userId: string, conversationId: string, missionTitle = 'Tondre la pelouse') => ({
    userId,
    kind: NotificationKind.NEW_MESSAGE,
    conversationId,
    facts: { senderName: 'Paul <Martin>', missionTitle, excerpt: 'Je peux venir samedi.' },
  });

  describe('Notifier.notify', () => {
    it('writes the in-app notification and its email, in the recipient’s language, for them only', async () => {
      const french = await aSignedInUser(app);
      const english = await aSignedInUser(app, { locale: 'EN' });
      const conversationId = '00000000-0000-4000-8000-000000000001';
      await notify(message(french.id, conversationId));
      await notify({ ...message(english.id, conversationId), kind: NotificationKind.NEW_QUESTION });

      const [frenchNotification, ...more] = await notificationsOf(french);
      expect(more).toEqual([]);
      expect(frenchNotification).toMatchObject({
        kind: 'NEW_MESSAGE',
        text: 'Paul <Martin> vous a écrit à propos de « Tondre la pelouse » : Je peux venir samedi.',
        readAt: null,
        conversationId,
        mission: null,
      });
      expect(await notificationsOf(english)).toMatchObject([
        { kind: 'NEW_QUESTION', text: 'Paul <Martin> asks about "Tondre la pelouse": Je peux venir samedi.' },
      ]);

      const [email, ...others] = await emailsTo(french);
      expect(others).toEqual([]);
      expect(email!.subject).toBe('Nouveau message de Paul <Martin>');
      expect(email!.text).toContain(`https://app.example.test/conversations/${conversationId}`);
      expect(email!.html).toContain('Paul &lt;Martin&gt; vous a écrit');
      expect(email!.html).not.toContain('<Martin>');
      expect(email!.headers.get('list-unsubscribe')).toMatch(/\/email\/unsubscribe\?token=/);
      expect((await emailsTo(english)).map((sent) => sent.subject)).toEqual(['New question about "Tondre la pelouse"']);
    });

    it('writes neither the notification nor the email when the transaction rolls back', async () => {
      const user = await aSignedInUser(app);
      await expect(
        app.dataSource.transaction(async (manager) => {
          await app.app.get(Notifier).notify(manager, message(user.id, '00000000-0000-4000-8000-000000000002'));
          throw new Error('the step failed');
        }),
      ).rejects.toThrow('the step failed');
      expect(await notificationsOf(user)).toEqual([]);
      expect(await emailsTo(user)).toEqual([]);
    });

    it('stops the email, not the notification, of a kind turned off; in-app-only kinds have no email to turn on', async () => {
      const user = await aSignedInUser(app);
      const off = await app.graphql(PREFERENCES, { p: [{ kind: 'MESSAGE_HIDDEN', email: false }] }, user.accessToken);
      expect(off.data?.updateNotificationPreferences).toContainEqual({ kind: 'MESSAGE_HIDDEN', email: false });
      expect(off.data?.updateNotificationPreferences.map((p: { kind: string }) => p.kind)).not.toContain('BID_DECLINED');
      await notify({
        userId: user.id,
        kind: NotificationKind.MESSAGE_HIDDEN,
        conversationId: '00000000-0000-4000-8000-000000000003',
        facts: { missionTitle: 'Peindre un mur', reason: 'Insultes' },
      });
      expect(await notificationsOf(user)).toMatchObject([
        { kind: 'MESSAGE_HIDDEN', text: 'Un modérateur a masqué votre message sur « Peindre un mur ». Motif : Insultes' },
      ]);
      expect(await emailsTo(user)).toEqual([]);

      const inAppOnly = await app.graphql(PREFERENCES, { p: [{ kind: 'BID_DECLINED', email: true }] }, user.accessToken);
      expect(errorCodes(inAppOnly)).toEqual(['BAD_USER_INPUT']);
      const suspension = await app.graphql(PREFERENCES, { p: [{ kind: 'SUSPENSION', email: false }] }, user.accessToken);
      expect(errorCodes(suspension)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('the notifications connection', () => {
    it('pages the viewer’s notifications newest first, the unread ones alone on demand, with the mission while the viewer may see it', async () => {
      const user = await aSignedInUser(app);
      const missionId = await aMission(app, user, { title: 'Monter une armoire' });
      for (const index of [1, 2, 3]) {
        await notify({ ...message(user.id, `00000000-0000-4000-8000-00000000010${index}`, `Mission ${index}`), missionId });
      }
      const firstPage = await app.graphql(NOTIFICATIONS, { first: 2 }, user.accessToken);
      expect(firstPage.data?.unreadNotificationCount).toBe(3);
      const nodes = firstPage.data?.notifications.edges.map((edge: { node: NotificationNode }) => edge.node);
      expect(nodes.map((node: NotificationNode) => node.conversationId)).toEqual([
        '00000000-0000-4000-8000-000000000103',
        '00000000-0000-4000-8000-000000000102',
      ]);
      expect(nodes[0].mission).toEqual({ id: missionId, title: 'Monter une armoire' });
      const rest = await notificationsOf(user, { first: 2, after: firstPage.data?.notifications.pageInfo.endCursor });
      expect(rest.map((node) => node.conversationId)).toEqual(['00000000-0000-4000-8000-000000000101']);

      await app.graphql(MARK_READ, { ids: [nodes[0].id] }, user.accessToken);
      expect((await notificationsOf(user, { unreadOnly: true })).map((node) => node.id)).not.toContain(nodes[0].id);
      expect(await unreadCountOf(user)).toBe(2);
      expect(errorCodes(await app.graphql(NOTIFICATIONS, { first: 101 }, user.accessToken))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await app.graphql(NOTIFICATIONS, {}))).toEqual(['UNAUTHENTICATED']);
    });

    it('finds one’s own notification with node(id:), and nobody else’s', async () => {
      const user = await aSignedInUser(app);
      const other = await aSignedInUser(app);
      await notify(message(user.id, '00000000-0000-4000-8000-000000000201'));
      const [own] = await notificationsOf(user);
      const NODE = `query ($id: ID!) { node(id: $id) { id ... on Notification { kind } } }`;
      expect((await app.graphql(NODE, { id: own!.id }, user.accessToken)).data?.node).toEqual({ id: own!.id, kind: 'NEW_MESSAGE' });
      expect((await app.graphql(NODE, { id: own!.id }, other.accessToken)).data?.node).toBeNull();
      expect((await app.graphql(NODE, { id: own!.id })).data?.node).toBeNull();
    });
  });

  describe('markNotificationsRead', () => {
    it('marks one’s own, keeps the first readAt when marked again, and refuses others’ ids (NOT_FOUND, nothing marked)', async () => {
      const user = await aSignedInUser(app);
      const other = await aSignedInUser(app);
      await notify(message(user.id, '00000000-0000-4000-8000-000000000301'));
      await notify(message(user.id, '00000000-0000-4000-8000-000000000302'));
      await notify(message(other.id, '00000000-0000-4000-8000-000000000303'));
      const [second, first] = await notificationsOf(user);
      const [othersNotification] = await notificationsOf(other);

      const refused = await app.graphql(MARK_READ, { ids: [first!.id, othersNotification!.id] }, user.accessToken);
      expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
      expect(await unreadCountOf(user)).toBe(2);
      expect(await unreadCountOf(other)).toBe(1);
      for (const bad of [{}, { ids: [first!.id], all: true }, { ids: [] }, { ids: ['not-an-id'] }]) {
        expect(errorCodes(await app.graphql(MARK_READ, bad, user.accessToken))).toEqual(['BAD_USER_INPUT']);
      }
      expect(await unreadCountOf(user)).toBe(2);

      const marked = await app.graphql(MARK_READ, { ids: [first!.id] }, user.accessToken);
      expect(marked.data?.markNotificationsRead).toEqual({
        notifications: [{ id: first!.id, readAt: expect.any(String) }],
        unreadNotificationCount: 1,
      });
      const again = await app.graphql(MARK_READ, { ids: [first!.id] }, user.accessToken);
      expect(again.data?.markNotificationsRead).toEqual(marked.data?.markNotificationsRead);

      expect((await app.graphql(MARK_READ, { all: true }, user.accessToken)).data?.markNotificationsRead).toEqual({
        notifications: [],
        unreadNotificationCount: 0,
      });
      expect((await notificationsOf(user)).find((node) => node.id === second!.id)?.readAt).toEqual(expect.any(String));
      expect(await unreadCountOf(other)).toBe(1);
    });

    it('gives every concurrent mark the same readAt', async () => {
      const user = await aSignedInUser(app);
      for (const index of [1, 2, 3]) await notify(message(user.id, `00000000-0000-4000-8000-00000000040${index}`));
      const ids = (await notificationsOf(user)).map((node) => node.id);
      const answers = await Promise.all([
        ...Array.from({ length: 6 }, () => app.graphql(MARK_READ, { ids }, user.accessToken)),
        ...Array.from({ length: 2 }, () => app.graphql(MARK_READ, { all: true }, user.accessToken)),
      ]);
      expect(answers.flatMap((a) => a.errors ?? [])).toEqual([]);
      const readAts = (await notificationsOf(user)).map((node) => node.readAt);
      expect(readAts.every((readAt) => readAt !== null)).toBe(true);
      const reported = answers
        .slice(0, 6)
        .map((answer) => answer.data?.markNotificationsRead.notifications.map((n: { readAt: string }) => n.readAt));
      for (const each of reported) expect([...each].sort()).toEqual([...readAts].reverse().sort());
      expect(await unreadCountOf(user)).toBe(0);
    });
  });
  describe('notificationAdded', () => {
    const ADDED = `subscription { notificationAdded { id kind text readAt mission { id } } }`;

    it('delivers the viewer’s own new notifications only, as the query shows them, once committed', async () => {
      const user = await inEnglish(await aSignedInUser(app));
      const other = await aSignedInUser(app);
      const realtime = app.app.get(RealtimeEvents);
      const mine = subscribe(app.wsUrl, user.accessToken, ADDED);
      const theirs = subscribe(app.wsUrl, other.accessToken, ADDED);
      try {
        await until(
          () => realtime.listenerCount(`notifications:${user.id}`) === 1 && realtime.listenerCount(`notifications:${other.id}`) === 1,
        );
        await expect(
          app.dataSource.transaction(async (manager) => {
            await app.app.get(Notifier).notify(manager, message(user.id, '00000000-0000-4000-8000-000000000501', 'Rolled back'));
            throw new Error('the step failed');
          }),
        ).rejects.toThrow('the step failed');
        const missionId = await aMission(app, user, { title: 'Poser une étagère' });
        await notify({ ...message(user.id, '00000000-0000-4000-8000-000000000502'), missionId });

        const [delivered] = await notificationsOf(user);
        expect(await mine.next()).toEqual({
          data: {
            notificationAdded: {
              id: delivered!.id,
              kind: 'NEW_MESSAGE',
              text: 'Paul <Martin> wrote to you about "Tondre la pelouse": Je peux venir samedi.',
              readAt: null,
              mission: { id: missionId },
            },
          },
        });
        await expect(theirs.next(300)).rejects.toThrow(/No a subscription event/);
      } finally {
        await mine.close();
        await theirs.close();
      }
    });

    it('needs a signed-in viewer', async () => {
      const anonymous = subscribe(app.wsUrl, null, ADDED);
      expect((await anonymous.closed()).code).toBe(4401);
    });
  });

  describe('every kind, told where it happens, to the right people only', () => {
    it('a bid tells the client; its acceptance tells its provider (email in English), the other bidder hears it was declined, in the app only', async () => {
      const client = await aSignedInUser(app, { displayName: 'Claire Dubois' });
      const chosen = await inEnglish(await aProvider(app));
      const other = await aProvider(app);
      const missionId = await aMission(app, client, { title: 'Réparer une fuite' });
      const bidId = await aBid(app, chosen, missionId, { amountCents: 12_000 });
      await aBid(app, other, missionId, { amountCents: 13_000 });

      expect(await kindsOf(client)).toEqual(['NEW_BID', 'NEW_BID']);
      expect((await noticeOf(client, 'NEW_BID')).text).toMatch(/^Karim Benali propose 130,00\s€ pour « Réparer une fuite »\.$/);
      expect((await noticeOf(client, 'NEW_BID')).mission).toEqual({ id: missionId, title: 'Réparer une fuite' });
      expect(await subjectsTo(client)).toEqual(['Nouvelle offre sur « Réparer une fuite »', 'Nouvelle offre sur « Réparer une fuite »']);
      expect((await emailsTo(client))[0]!.text).toContain(`https://app.example.test/missions/${missionId}`);

      await app.graphql(ACCEPT, { id: bidId }, client.accessToken);
      expect(await kindsOf(chosen)).toEqual(['BID_ACCEPTED', 'IDENTITY_APPROVED']);
      expect((await noticeOf(chosen, 'BID_ACCEPTED')).text).toBe(
        'Claire Dubois accepted your bid of €120.00 for "Réparer une fuite". You can start once the payment is received.',
      );
      expect(await subjectsTo(chosen)).toContain('Your bid on "Réparer une fuite" is accepted');
      expect(await kindsOf(other)).toEqual(['BID_DECLINED', 'IDENTITY_APPROVED']);
      expect((await noticeOf(other, 'BID_DECLINED')).text).toBe("Votre offre sur « Réparer une fuite » n'a pas été retenue.");
      expect(await subjectsTo(other)).toEqual(['Votre identité est vérifiée']);
      expect(await kindsOf(client)).toEqual(['NEW_BID', 'NEW_BID']);
    });

    it('a kind turned off loses its email, not its notification; a step that rolls back tells nobody', async () => {
      const client = await aSignedInUser(app);
      await app.graphql(PREFERENCES, { p: [{ kind: 'NEW_BID', email: false }] }, client.accessToken);
      const [provider, other] = [await aProvider(app), await aProvider(app)];
      const missionId = await aMission(app, client);
      const bidId = await aBid(app, provider, missionId, { amountCents: 12_000 });
      await aBid(app, other, missionId);
      expect(await kindsOf(client)).toEqual(['NEW_BID', 'NEW_BID']);
      expect(await subjectsTo(client)).toEqual([]);

      // The acceptance fails after it told the providers (the amount is not the one expected): it rolls back, and so do they.
      expect(errorCodes(await app.graphql(ACCEPT, { id: bidId, expected: 11_000 }, client.accessToken))).toEqual(['CONFLICT']);
      expect(await kindsOf(provider)).toEqual(['IDENTITY_APPROVED']);
      expect(await kindsOf(other)).toEqual(['IDENTITY_APPROVED']);
      expect(await subjectsTo(provider)).toEqual(['Votre identité est vérifiée']);
    });

    it('a cancelled mission declines its pending bids, and tells their providers', async () => {
      const client = await aSignedInUser(app);
      const provider = await aProvider(app);
      const missionId = await aMission(app, client);
      await aBid(app, provider, missionId);
      await app.graphql(`mutation ($id: ID!) { cancelMission(id: $id) { status } }`, { id: missionId }, client.accessToken);
      expect(await kindsOf(provider)).toEqual(['BID_DECLINED', 'IDENTITY_APPROVED']);
      expect(await kindsOf(client)).toEqual(['NEW_BID']);
    });

    it('an acceptance that lapses unpaid tells its provider their bid expired', async () => {
      const client = await aSignedInUser(app);
      const provider = await aProvider(app);
      const missionId = await aMission(app, client, { title: 'Laver les vitres' });
      const bidId = await aBid(app, provider, missionId);
      await app.graphql(ACCEPT, { id: bidId }, client.accessToken);
      await paymentIntentIdOf(app, missionId, client);
      await runJobsLater(DAY_MS + 60_000);
      expect(await kindsOf(provider)).toEqual(['BID_EXPIRED', 'BID_ACCEPTED', 'IDENTITY_APPROVED']);
      expect((await noticeOf(provider, 'BID_EXPIRED')).text).toMatch(/^L'acceptation de votre offre sur « Laver les vitres » a expiré/);
      expect(await subjectsTo(provider)).toContain('Votre offre sur « Laver les vitres » a expiré');
      expect(await kindsOf(client)).toEqual(['NEW_BID']);
    });

    it('the payment tells the provider to start, the delivery tells the client, the confirmation and the payout tell the provider', async () => {
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await anAssignedMission(app, provider);
      await pay(app, mission);
      expect(await kindsOf(provider)).toEqual(['PAYMENT_RECEIVED', 'BID_ACCEPTED', 'IDENTITY_APPROVED']);
      expect((await noticeOf(provider, 'PAYMENT_RECEIVED')).text).toMatch(/^Le client a payé 120,00\s€ pour/);

      await app.graphql(
        `mutation ($id: ID!) { markMissionDelivered(missionId: $id) { status } }`,
        { id: mission.missionId },
        provider.accessToken,
      );
      expect(await kindsOf(mission.client)).toEqual(['MISSION_DELIVERED', 'NEW_BID']);
      expect((await noticeOf(mission.client, 'MISSION_DELIVERED')).text).toMatch(/^Karim Benali a livré/);

      await app.graphql(
        `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`,
        { id: mission.missionId },
        mission.client.accessToken,
      );
      await app.runJobs();
      expect(await kindsOf(provider)).toContain('INVOICE_MISSING');
      expect(withoutInvoicing(await kindsOf(provider))).toEqual([
        'PAYOUT_SENT',
        'MISSION_COMPLETED',
        'PAYMENT_RECEIVED',
        'BID_ACCEPTED',
        'IDENTITY_APPROVED',
      ]);
      expect((await noticeOf(provider, 'PAYOUT_SENT')).text).toMatch(/^Le virement de 108,00\s€ pour « .+ » est parti/);
      expect(await kindsOf(mission.client)).toContain('PAYMENT_RECEIPT');
      expect(withoutInvoicing(await kindsOf(mission.client))).toEqual(['MISSION_DELIVERED', 'NEW_BID']);
      const subjects = await subjectsTo(provider);
      expect(subjects).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Paiement reçu pour/), expect.stringMatching(/^Virement de 108,00\s€ envoyé$/)]),
      );
      expect(subjects.filter((subject) => / est terminée$/.test(subject))).toHaveLength(1);
      expect((await emailsTo(provider)).find((email) => email.subject.startsWith('Virement'))!.text).toContain(
        'https://app.example.test/payouts',
      );
    });

    it('a delivery nobody disputes completes by itself: both parties hear it', async () => {
      const mission = await aDeliveredMission(app);
      await runJobsLater(7 * DAY_MS + 60_000);
      expect(withoutInvoicing(await kindsOf(mission.client))[0]).toBe('MISSION_COMPLETED');
      expect(withoutInvoicing(await kindsOf(mission.provider))[0]).toBe('MISSION_COMPLETED');
    });

    it('a dispute tells the provider; a split settlement goes against both parties, whose statement of reasons is their one notice of it', async () => {
      const mission = await aDeliveredMission(app);
      await app.graphql(
        `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Travail inachevé") { status } }`,
        { id: mission.missionId },
        mission.client.accessToken,
      );
      expect((await noticeOf(mission.provider, 'MISSION_DISPUTED')).text).toMatch(
        /^Claire Dubois conteste la livraison de « .+ » : Travail inachevé\./,
      );
      expect((await kindsOf(mission.client)).filter((kind) => kind === 'MISSION_DISPUTED')).toEqual([]);
      expect(await subjectsTo(mission.provider)).toContainEqual(expect.stringMatching(/^Litige ouvert sur/));

      await asModerator(
        `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: SPLIT, refundCents: 4000, note: "Moitié faite") { status } }`,
        { id: mission.missionId },
      );
      for (const party of [mission.client, mission.provider]) {
        expect(await kindsOf(party)).not.toContain('DISPUTE_SETTLED');
        const statement = await noticeOf(party, 'MODERATION_DECISION');
        expect(statement.text).toMatch(/Issue : 40,00\s€ remboursés au client, le reste versé au prestataire\. Faits : Moitié faite —/);
        expect(statement.mission).toMatchObject({ id: mission.missionId });
        expect((await subjectsTo(party)).filter((subject) => /tranché/.test(subject))).toEqual([
          'Décision de modération : le litige sur une de vos missions est tranché, en tout ou en partie, contre vous',
        ]);
      }
      expect(await kindsOf(moderator)).toEqual([]);
    });

    it('a payout that fails tells its provider: given up after its attempts, or returned by the bank', async () => {
      jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const provider = await aProvider(app);
      await onboard(app, provider);
      const mission = await aDeliveredMission(app, provider);
      app.stripe.failNext('transfers', 100, 'error');
      await app.graphql(
        `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`,
        { id: mission.missionId },
        mission.client.accessToken,
      );
      for (let run = 0; run < 6 && !(await kindsOf(provider)).includes('PAYOUT_FAILED'); run++) await app.runJobs({ dueNow: true });
      app.stripe.stopFailing('transfers');
      expect((await kindsOf(provider))[0]).toBe('PAYOUT_FAILED');
      expect((await noticeOf(provider, 'PAYOUT_FAILED')).text).toMatch(/^Le virement de 108,00\s€ pour « .+ » a échoué/);

      const returned = await aProvider(app);
      await onboard(app, returned);
      await aCompletedMission(app, returned);
      await app.runJobs();
      const accountId = (await app.dataSource.query(`SELECT stripe_account_id FROM provider_profiles WHERE user_id = $1`, [returned.id]))[0]
        .stripe_account_id;
      const bankPayout = await app.stripe.payOut(accountId);
      await app.stripe.failPayout(bankPayout, 'account_closed');
      await waitFor(async () => (await kindsOf(returned))[0] === 'PAYOUT_FAILED', 'PAYOUT_FAILED after payout.failed');
      expect(await subjectsTo(returned)).toContainEqual(expect.stringMatching(/^Le virement de 108,00\s€ a échoué$/));
    });

    it('a rating tells its subject; the second one publishes both, and each subject hears it (in the app only)', async () => {
      const mission = await aCompletedMission(app);
      const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
      await app.graphql(RATE, { input: { missionId: mission.missionId, score: 5 } }, mission.client.accessToken);
      expect((await noticeOf(mission.provider, 'RATING_RECEIVED')).text).toMatch(/^Claire Dubois vous a noté pour « .+ »\./);
      expect(await subjectsTo(mission.provider)).toContain('Claire Dubois vous a noté');
      expect((await kindsOf(mission.client)).filter((kind) => kind.startsWith('RATING'))).toEqual([]);

      await app.graphql(RATE, { input: { missionId: mission.missionId, score: 4 } }, mission.provider.accessToken);
      expect((await kindsOf(mission.client)).filter((kind) => kind.startsWith('RATING'))).toEqual(['RATING_PUBLISHED']);
      expect((await kindsOf(mission.provider)).filter((kind) => kind.startsWith('RATING'))).toEqual([
        'RATING_PUBLISHED',
        'RATING_RECEIVED',
      ]);
      expect((await subjectsTo(mission.client)).filter((subject) => /note/.test(subject))).toEqual([]);
    });

    it('an identity decision tells its user: approved, or rejected with the reason in its statement of reasons alone', async () => {
      const approved = await aProvider(app);
      expect(await kindsOf(approved)).toEqual(['IDENTITY_APPROVED']);
      expect(await subjectsTo(approved)).toEqual(['Votre identité est vérifiée']);

      const rejected = await inEnglish(await aSignedInUser(app));
      const verificationId = await aSubmittedVerification(app, rejected);
      await asModerator(`mutation ($id: ID!) { rejectIdentityVerification(id: $id, reason: "Document illisible") { id } }`, {
        id: verificationId,
      });
      // The statement of reasons (test/moderation-decisions.e2e-spec.ts) is the one notice of it.
      expect(await kindsOf(rejected)).toEqual(['MODERATION_DECISION']);
      expect((await noticeOf(rejected, 'MODERATION_DECISION')).text).toMatch(
        /^Decision: your identity verification is rejected\. Facts: Document illisible — .+ You can send new documents\. You may contest/,
      );
      expect(await subjectsTo(rejected)).toEqual(['Moderation decision: your identity verification is rejected']);
      expect(await kindsOf(moderator)).toEqual([]);
    });

    it('a report’s outcome tells its reporter (in the app only); a suspension tells the suspended user, by the one email of its statement, which they cannot turn off', async () => {
      const REPORT = `mutation ($target: ReportTarget!, $id: ID!) { report(target: $target, targetId: $id, reason: "Arnaque évidente") { id } }`;
      const client = await aSignedInUser(app);
      const bidder = await aProvider(app);
      const [reporter, dismissedReporter] = [await aSignedInUser(app), await aSignedInUser(app)];
      const missionId = await aMission(app, client);
      await aBid(app, bidder, missionId);
      await app.graphql(REPORT, { target: 'MISSION', id: missionId }, reporter.accessToken);
      const dismissed = await app.graphql(REPORT, { target: 'USER', id: client.id }, dismissedReporter.accessToken);
      await asModerator(`mutation ($id: ID!) { hideMission(id: $id, reason: "Contenu trompeur") { id } }`, { id: missionId });
      await asModerator(`mutation ($id: ID!) { dismissReport(id: $id) { id } }`, { id: dismissed.data!.report.id });

      expect((await noticeOf(reporter, 'REPORT_OUTCOME')).text).toBe(
        "Un modérateur a examiné votre signalement d'une mission : des mesures ont été prises. Merci de nous aider à garder la plateforme sûre.",
      );
      expect((await noticeOf(dismissedReporter, 'REPORT_OUTCOME')).text).toMatch(/votre signalement d'un utilisateur : il n'a pas relevé/);
      expect(await subjectsTo(reporter)).toEqual([]);
      // Its client still sees the hidden mission on their notification; anyone else told of it no longer does.
      expect((await noticeOf(client, 'NEW_BID')).mission).toMatchObject({ id: missionId });
      await notify({ userId: bidder.id, kind: NotificationKind.BID_DECLINED, missionId, facts: { missionTitle: 'x' } });
      expect((await noticeOf(bidder, 'BID_DECLINED')).mission).toBeNull();

      const suspended = await aSignedInUser(app);
      await asModerator(`mutation ($id: ID!) { suspendUser(id: $id, reason: "Demandes de paiement hors plateforme") { id } }`, {
        id: suspended.id,
      });
      const [email, ...others] = await emailsTo(suspended);
      expect(others).toEqual([]);
      expect(email!.subject).toBe('Décision de modération : votre compte est suspendu');
      expect(email!.text).toContain('Faits : Demandes de paiement hors plateforme');
      expect(email!.text).toContain('Vous ne pouvez plus vous connecter');
      expect(email!.headers.has('list-unsubscribe')).toBe(false);
      const rows = await app.dataSource.query(`SELECT kind FROM notifications WHERE user_id = $1`, [suspended.id]);
      expect(rows).toEqual([{ kind: 'MODERATION_DECISION' }]);
      expect(await kindsOf(reporter)).toEqual(['REPORT_OUTCOME']);
    });
  });
});
