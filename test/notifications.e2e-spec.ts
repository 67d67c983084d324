import { Notice, NotificationKind, Notifier } from '@marketplace/notifications';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { Mailbox, ReceivedEmail } from './support/mailbox';
import { aMission } from './support/marketplace.builders';
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
    app = await TestApp.start({ SMTP_URL: mailbox.url, PUBLIC_APP_URL: 'https://app.example.test' });
  });
  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

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
});
