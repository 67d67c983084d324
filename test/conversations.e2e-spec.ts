/**
 * Conversations as the two sides of a mission live them: a provider asks before bidding, the
 * client answers, contact details stay masked for the other side until the mission is assigned to
 * that provider, read receipts and unread counts follow, and nobody else reads along (moderators
 * only once a message is reported, and that reading is logged). Every refused call changes nothing.
 */
import { Clock } from '@marketplace/common';
import { MASKED_CONTACT } from '@marketplace/conversations';
import { RealtimeEvents } from '@marketplace/realtime';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { anUploadedPhoto } from './support/photos.builders';
import { StatementCounter } from './support/statement-counter';
import { subscribe, until } from './support/subscriptions';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const MESSAGE_FIELDS = 'id text masked hidden createdAt author { id }';
const SEND = `mutation ($missionId: ID, $conversationId: ID, $text: String!, $attachmentIds: [ID!]) {
  sendMessage(missionId: $missionId, conversationId: $conversationId, text: $text, attachmentIds: $attachmentIds) { ${MESSAGE_FIELDS} } }`;
const ATTACHMENTS = `query ($id: ID!) { conversation(id: $id) { messages { edges { node { id attachments { id url thumbnailUrl width height } } } } } }`;
const ASK = `mutation ($missionId: ID!, $text: String!) { sendMessage(missionId: $missionId, text: $text) { ${MESSAGE_FIELDS} conversation { id } } }`;
const CONVERSATION = `query ($id: ID!, $first: Int, $after: String) { conversation(id: $id) {
  id lastMessageAt unreadCount mission { id } participants { role lastReadAt user { id } }
  messages(first: $first, after: $after) { edges { cursor node { ${MESSAGE_FIELDS} } } pageInfo { hasNextPage endCursor } } } }`;
const MY_CONVERSATIONS = `{ myConversations { edges { node { id unreadCount mission { id } } } } me { unreadMessageCount } }`;
const MARK_READ = `mutation ($id: ID!) { markConversationRead(conversationId: $id) { id participants { role lastReadAt } unreadCount } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { id status } }`;
const REPORT = `mutation ($id: ID!) { report(target: MESSAGE, targetId: $id, reason: "Me demande de payer en dehors de la plateforme.") { id status } }`;
const HIDE = `mutation ($id: ID!) { hideMessage(id: $id, reason: "Demande de paiement hors plateforme") { id text hidden } }`;
const LOG = `{ moderationLog(first: 100) { edges { node { action targetId reason moderator { id } } } } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind conversationId text } } } }`;
const MESSAGE_ADDED = `subscription ($id: ID!) { messageAdded(conversationId: $id) { ${MESSAGE_FIELDS} } }`;

const QUESTION = 'Bonjour, les planches sont-elles déjà sur place ? Appelez-moi au 06 12 34 56 78 si besoin.';
const ANSWER = 'Oui, tout est livré. Écrivez-moi plutôt à dana.martin@gmail.com ou dana at gmail dot com.';

interface Message {
  id: string;
  text: string | null;
  masked: boolean;
  hidden: boolean;
  createdAt: string;
  author: { id: string };
}

describe('conversations', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ RATE_LIMIT_MESSAGE_PER_USER: '100', RATE_LIMIT_MESSAGE_WINDOW_SECONDS: '60' });
  });

  afterAll(async () => {
    await app.close();
  });

  afterEach(() => jest.restoreAllMocks());

  const data = (response: GraphQLResponse) => {
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const ask = (provider: SignedInUser, missionId: string, text = QUESTION) => app.graphql(ASK, { missionId, text }, provider.accessToken);
  const reply = (who: SignedInUser, conversationId: string, text = ANSWER) => app.graphql(SEND, { conversationId, text }, who.accessToken);
  const conversationAs = async (who: SignedInUser, id: string, first = 50) =>
    data(await app.graphql(CONVERSATION, { id, first }, who.accessToken)).conversation;
  const messagesAs = async (who: SignedInUser, id: string): Promise<Message[]> =>
    (await conversationAs(who, id)).messages.edges.map((edge: { node: Message }) => edge.node);
  const notificationsOf = async (who: SignedInUser) =>
    data(await app.graphql(NOTIFICATIONS, {}, who.accessToken)).notifications.edges.map((edge: { node: unknown }) => edge.node);
  const unreadOf = async (who: SignedInUser) => data(await app.graphql(MY_CONVERSATIONS, {}, who.accessToken)).me.unreadMessageCount;
  /** Rows of every table conversations touch, to show that a refused call wrote nothing. */
  const state = async () => ({
    conversations: await app.dataSource.query(`SELECT * FROM conversations ORDER BY id`),
    messages: await app.dataSource.query(`SELECT * FROM messages ORDER BY id`),
    reports: await app.count('reports'),
    photos: await app.dataSource.query(`SELECT id, use FROM photos ORDER BY id`),
    log: await app.count('moderation_actions'),
  });

  /** A client's open mission and a provider who asked about it: the conversation's id. */
  async function aQuestion() {
    const client = await aSignedInUser(app, { displayName: 'Dana Martin' });
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const { conversation, ...question } = data(await ask(provider, missionId)).sendMessage;
    return { client, provider, missionId, conversationId: conversation.id as string, question: question as Message };
  }

  it('a provider asks before bidding, the client answers; each side sees the other’s contact details masked until the mission is assigned to that provider', async () => {
    const { client, provider, missionId, conversationId, question } = await aQuestion();
    expect(question).toMatchObject({ text: QUESTION, masked: false, hidden: false, author: { id: provider.id } });

    // The client is told: one unread message, in the conversation the question opened.
    const clientsList = data(await app.graphql(MY_CONVERSATIONS, {}, client.accessToken));
    expect(clientsList).toEqual({
      myConversations: { edges: [{ node: { id: conversationId, unreadCount: 1, mission: { id: missionId } } }] },
      me: { unreadMessageCount: 1 },
    });
    const masked = `Bonjour, les planches sont-elles déjà sur place ? Appelez-moi au ${MASKED_CONTACT} si besoin.`;
    expect(await messagesAs(client, conversationId)).toEqual([{ ...question, text: masked, masked: true }]);
    expect(await notificationsOf(client)).toEqual([
      {
        kind: 'NEW_QUESTION',
        conversationId,
        text: `Karim Benali pose une question sur « Monter une armoire PAX » : ${Array.from(masked).slice(0, 140).join('')}`,
      },
    ]);

    // The answer: the provider sees the client's address masked, the client sees it as written.
    const answer: Message = data(await reply(client, conversationId)).sendMessage;
    expect(answer).toMatchObject({ text: ANSWER, masked: false, author: { id: client.id } });
    expect(new Date(answer.createdAt).getTime()).toBeGreaterThan(new Date(question.createdAt).getTime());
    const maskedAnswer = `Oui, tout est livré. Écrivez-moi plutôt à ${MASKED_CONTACT} ou ${MASKED_CONTACT}.`;
    const providersView = await messagesAs(provider, conversationId);
    expect(providersView).toEqual([
      { ...answer, text: maskedAnswer, masked: true },
      { ...question, text: QUESTION, masked: false },
    ]);
    expect(await messagesAs(client, conversationId)).toEqual([
      { ...answer, text: ANSWER, masked: false },
      { ...question, text: masked, masked: true },
    ]);

    // Read receipts: answering read the question; the provider has not read the answer yet.
    expect(await unreadOf(client)).toBe(0);
    expect(await unreadOf(provider)).toBe(1);
    const receipts = (await conversationAs(client, conversationId)).participants;
    expect(receipts).toEqual([
      { role: 'CLIENT', lastReadAt: answer.createdAt, user: { id: client.id } },
      { role: 'PROVIDER', lastReadAt: question.createdAt, user: { id: provider.id } },
    ]);
    const read = data(await app.graphql(MARK_READ, { id: conversationId }, provider.accessToken)).markConversationRead;
    expect(read).toEqual({
      id: conversationId,
      participants: [
        { role: 'CLIENT', lastReadAt: answer.createdAt },
        { role: 'PROVIDER', lastReadAt: answer.createdAt },
      ],
      unreadCount: 0,
    });
    expect(await unreadOf(provider)).toBe(0);
    expect((await conversationAs(client, conversationId)).participants[1].lastReadAt).toBe(answer.createdAt);

    // The provider bids, the client accepts: from now on nothing is masked, earlier messages included.
    const bidId = await aBid(app, provider, missionId);
    expect(data(await app.graphql(ACCEPT, { id: bidId }, client.accessToken)).acceptBid.status).toBe('ASSIGNED');
    for (const who of [client, provider]) {
      expect(await messagesAs(who, conversationId)).toEqual([
        { ...answer, text: ANSWER, masked: false },
        { ...question, text: QUESTION, masked: false },
      ]);
    }
    const afterAcceptance = data(await reply(provider, conversationId, 'Parfait, je vous appelle au 06 12 34 56 78 demain.')).sendMessage;
    expect((await messagesAs(client, conversationId))[0]).toEqual({ ...afterAcceptance, masked: false });
  });

  it('sends photos with a message (4 at most, one’s own and not attached yet); both sides get their links', async () => {
    const { client, provider, conversationId } = await aQuestion();
    const photoIds = [await anUploadedPhoto(app, provider), await anUploadedPhoto(app, provider)];
    const sent = data(
      await app.graphql(SEND, { conversationId, text: 'Voici le mur en question.', attachmentIds: photoIds }, provider.accessToken),
    );
    for (const who of [client, provider]) {
      const [latest] = data(await app.graphql(ATTACHMENTS, { id: conversationId }, who.accessToken)).conversation.messages.edges;
      expect(latest.node).toEqual({
        id: sent.sendMessage.id,
        attachments: photoIds.map((id) => ({
          id,
          url: expect.stringContaining(id),
          thumbnailUrl: expect.stringContaining(id),
          width: 64,
          height: 48,
        })),
      });
      const image = await request(app.http).get(
        new URL(latest.node.attachments[0].url).pathname + new URL(latest.node.attachments[0].url).search,
      );
      expect(image.status).toBe(200);
    }

    const others = await anUploadedPhoto(app, client);
    const five = await Promise.all(Array.from({ length: 5 }, () => anUploadedPhoto(app, provider)));
    const before = await state();
    const send = (attachmentIds: string[]) => app.graphql(SEND, { conversationId, text: 'Photos', attachmentIds }, provider.accessToken);
    expect(errorCodes(await send([others]))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await send([five[0], photoIds[0]]))).toEqual(['CONFLICT']);
    expect(errorCodes(await send(five))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await send([five[0], five[0]]))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await send(['not-a-photo-id']))).toEqual(['BAD_USER_INPUT']);
    expect(await state()).toEqual(before);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM photos WHERE id = ANY($1) AND use IS NULL`, [five])).toEqual([
      { n: 5 },
    ]);
  });

  it('refuses 6 MB and non-image attachments at upload, before any message names them', async () => {
    const { provider } = await aQuestion();
    const upload = (content: Buffer, name: string) =>
      request(app.http).post('/photos').set('Authorization', `Bearer ${provider.accessToken}`).attach('file', content, name);
    const huge = await upload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(6 * 1024 * 1024)]), 'mur.jpg');
    expect(huge.status).toBe(413);
    const notes = await upload(Buffer.from('Devis en texte, renommé en photo.'), 'devis.jpg');
    expect(notes.status).toBe(400);
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM photos WHERE owner_id = $1`, [provider.id])).toEqual([{ n: 0 }]);
  });

  it('pages a conversation newest first, with cursors, as a chat loads older messages', async () => {
    const { client, conversationId, question } = await aQuestion();
    const second = data(await reply(client, conversationId, 'Deuxième message')).sendMessage;
    const third = data(await reply(client, conversationId, 'Troisième message')).sendMessage;

    const firstPage = await conversationAs(client, conversationId, 2);
    expect(firstPage.messages.edges.map((edge: { node: Message }) => edge.node.id)).toEqual([third.id, second.id]);
    expect(firstPage.messages.pageInfo.hasNextPage).toBe(true);
    const next = data(
      await app.graphql(CONVERSATION, { id: conversationId, first: 2, after: firstPage.messages.pageInfo.endCursor }, client.accessToken),
    ).conversation.messages;
    expect(next.edges.map((edge: { node: Message }) => edge.node.id)).toEqual([question.id]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('keeps the other providers’ conversations readable but read-only once the mission is assigned, and masked for them', async () => {
    const { client, provider, missionId, conversationId } = await aQuestion();
    const otherProvider = await aProvider(app);
    const other = data(await ask(otherProvider, missionId, 'Et le montage du lit, possible aussi ?')).sendMessage;
    const otherConversation = other.conversation.id;
    data(await reply(client, otherConversation, 'Oui. Mon numéro : 07 98 76 54 32'));
    expect(otherConversation).not.toBe(conversationId);

    data(await app.graphql(ACCEPT, { id: await aBid(app, provider, missionId) }, client.accessToken));
    const latecomer = await aProvider(app);

    const before = await state();
    expect(errorCodes(await reply(otherProvider, otherConversation, 'Dommage !'))).toEqual(['CONFLICT']);
    expect(errorCodes(await reply(client, otherConversation, 'Désolée, c’est attribué.'))).toEqual(['CONFLICT']);
    expect(errorCodes(await ask(otherProvider, missionId, 'Encore une question'))).toEqual(['CONFLICT']);
    expect(await state()).toEqual(before);
    const seen = await messagesAs(otherProvider, otherConversation);
    expect(seen[0]).toMatchObject({ text: `Oui. Mon numéro : ${MASKED_CONTACT}`, masked: true });
    expect(errorCodes(await ask(latecomer, missionId))).toEqual(['CONFLICT']);
    expect(await state()).toEqual(before);
  });

  it('opens one conversation for concurrent first messages of a provider, their messages strictly ordered', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);

    const sent = await Promise.all(Array.from({ length: 12 }, (_, i) => ask(provider, missionId, `Question numéro ${i}`)));

    expect(sent.flatMap(errorCodes)).toEqual([]);
    const conversations = new Set(sent.map((response) => response.data!.sendMessage.conversation.id));
    expect(conversations.size).toBe(1);
    const [conversationId] = [...conversations];
    expect(await app.dataSource.query(`SELECT count(*)::int AS n FROM conversations WHERE mission_id = $1`, [missionId])).toEqual([
      { n: 1 },
    ]);
    const times = (await messagesAs(provider, conversationId)).map((message) => new Date(message.createdAt).getTime());
    expect(times).toHaveLength(12);
    expect(new Set(times).size).toBe(12);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(await unreadOf(client)).toBe(12);
  });

  it('lets nobody else read, write in or mark a conversation (NOT_FOUND), not even a moderator before a report', async () => {
    const { conversationId, question } = await aQuestion();
    const outsiders = [await aSignedInUser(app), await aProvider(app), await aUserWithRole(app, 'MODERATOR')];
    const before = await state();
    for (const outsider of outsiders) {
      expect(errorCodes(await app.graphql(CONVERSATION, { id: conversationId }, outsider.accessToken))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await reply(outsider, conversationId, 'Je m’invite'))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await app.graphql(MARK_READ, { id: conversationId }, outsider.accessToken))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await app.graphql(REPORT, { id: question.id }, outsider.accessToken))).toEqual(['NOT_FOUND']);
      const nodes = data(
        await app.graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [conversationId, question.id] }, outsider.accessToken),
      );
      expect(nodes.nodes).toEqual([null, null]);
      expect(data(await app.graphql(MY_CONVERSATIONS, {}, outsider.accessToken))).toEqual({
        myConversations: { edges: [] },
        me: { unreadMessageCount: 0 },
      });
    }
    expect(errorCodes(await app.graphql(CONVERSATION, { id: conversationId }))).toEqual(['UNAUTHENTICATED']);
    expect(await state()).toEqual(before);
  });

  it('refuses conversations nobody may open: on one’s own mission, without a provider profile, on a mission not OPEN or not there', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const missionId = await aMission(app, client);
    const cancelled = await aMission(app, client);
    data(await app.graphql(`mutation ($id: ID!) { cancelMission(id: $id) { status } }`, { id: cancelled }, client.accessToken));
    const before = await state();

    expect(errorCodes(await ask(client, missionId))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ask(await aSignedInUser(app), missionId))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await ask(provider, cancelled))).toEqual(['CONFLICT']);
    expect(errorCodes(await ask(provider, '6f1c9a52-3d7e-4b8a-9c0d-2e4f6a8b0c1d'))).toEqual(['NOT_FOUND']);
    const both = await app.graphql(SEND, { missionId, conversationId: missionId, text: 'Bonjour' }, provider.accessToken);
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(both.errors![0].extensions.fields).toEqual([
      { field: 'missionId', message: 'exactly one of missionId and conversationId' },
      { field: 'conversationId', message: 'exactly one of missionId and conversationId' },
    ]);
    expect(errorCodes(await app.graphql(SEND, { text: 'Bonjour' }, provider.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql(SEND, { missionId: 'not-an-id', text: 'Bonjour' }, provider.accessToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await state()).toEqual(before);
  });

  it('takes 1 to 2000 characters once trimmed: empty, blank and 2001-character messages are refused and change nothing', async () => {
    const { client, provider, missionId, conversationId } = await aQuestion();
    const before = await state();
    for (const text of ['', '   \n\t ', 'x'.repeat(2001), `${'é'.repeat(2000)}!`]) {
      for (const response of [await ask(provider, missionId, text), await reply(client, conversationId, text)]) {
        expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
        expect(response.errors![0].extensions.fields).toEqual([{ field: 'text', message: 'must be 1 to 2000 characters' }]);
      }
    }
    expect(await state()).toEqual(before);
    const longest = data(await reply(client, conversationId, `  ${'🎉'.repeat(2000)}  `)).sendMessage;
    expect(longest.text).toBe('🎉'.repeat(2000));
  });

  it('takes at most 100 messages a minute from a user, sent at once; the others are TOO_MANY_REQUESTS and write nothing', async () => {
    const { client, conversationId } = await aQuestion();
    const before = await app.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [conversationId]);

    const burst = await Promise.all(Array.from({ length: 110 }, (_, i) => reply(client, conversationId, `Message ${i}`)));

    const codes = burst.map((response) => errorCodes(response)[0] ?? 'OK');
    expect(codes.filter((code) => code === 'OK')).toHaveLength(100);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(10);
    const refused = burst.find((response) => errorCodes(response).includes('TOO_MANY_REQUESTS'))!;
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
    const after = await app.dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1`, [conversationId]);
    expect(after[0].n - before[0].n).toBe(100);

    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 61_000));
    expect(errorCodes(await reply(client, conversationId, 'Une minute plus tard'))).toEqual([]);
  });

  it('tells the recipient of a reply once per streak they have not read: a burst makes one notification', async () => {
    const { client, provider, conversationId } = await aQuestion();
    const newMessages = async () => (await notificationsOf(provider)).filter((notice: { kind: string }) => notice.kind === 'NEW_MESSAGE');

    await Promise.all([1, 2, 3].map((i) => reply(client, conversationId, `Précision ${i}`)));
    await reply(client, conversationId, 'Et une dernière');
    expect(await newMessages()).toHaveLength(1);

    data(await app.graphql(MARK_READ, { id: conversationId }, provider.accessToken));
    await reply(client, conversationId, 'Vous êtes disponible samedi ? Sinon dana@example.com');
    const told = await newMessages();
    expect(told).toHaveLength(2);
    expect(told[0]).toEqual({
      kind: 'NEW_MESSAGE',
      conversationId,
      text: `Dana Martin vous a écrit à propos de « Monter une armoire PAX » : Vous êtes disponible samedi ? Sinon ${MASKED_CONTACT}`,
    });
    expect((await notificationsOf(client)).map((notice: { kind: string }) => notice.kind)).toEqual(['NEW_QUESTION']);
  });

  it('delivers each message to the other participant’s subscription as they see it (masked), and refuses outsiders (NOT_FOUND)', async () => {
    const { client, provider, conversationId } = await aQuestion();
    const realtime = app.app.get(RealtimeEvents);
    const topic = `conversation:${conversationId}`;
    const providers = subscribe(app.wsUrl, provider.accessToken, MESSAGE_ADDED, { id: conversationId });
    const clients = subscribe(app.wsUrl, client.accessToken, MESSAGE_ADDED, { id: conversationId });
    const outsiders = subscribe(app.wsUrl, (await aProvider(app)).accessToken, MESSAGE_ADDED, { id: conversationId });
    try {
      expect(errorCodes((await outsiders.next()) as GraphQLResponse)).toEqual(['NOT_FOUND']);
      await until(() => realtime.listenerCount(topic) === 2);

      const sent: Message = data(await reply(client, conversationId)).sendMessage;

      expect((await providers.next()).data).toEqual({
        messageAdded: { ...sent, text: expect.stringContaining(MASKED_CONTACT), masked: true },
      });
      expect((await clients.next()).data).toEqual({ messageAdded: sent });
    } finally {
      await Promise.all([providers.close(), clients.close(), outsiders.close()]);
    }
  });

  it('a participant reports a message: moderators may then read the conversation (logged) and hide it; participants see it hidden', async () => {
    const { client, provider, conversationId, question } = await aQuestion();
    const moderator = await aUserWithRole(app, 'MODERATOR');
    const before = await state();
    expect(errorCodes(await app.graphql(REPORT, { id: question.id }, provider.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql(HIDE, { id: question.id }, moderator.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(HIDE, { id: question.id }, client.accessToken))).toEqual(['FORBIDDEN']);
    expect(await state()).toEqual(before);

    const report = data(await app.graphql(REPORT, { id: question.id }, client.accessToken)).report;
    expect(report.status).toBe('OPEN');

    // The moderator reads it as written (masking is for the other side), and the reading is logged.
    const read = await conversationAs(moderator, conversationId);
    expect(read.messages.edges.map((edge: { node: Message }) => edge.node)).toEqual([{ ...question, text: QUESTION, masked: false }]);
    expect(read.unreadCount).toBe(0);
    const logAfterReading = data(await app.graphql(LOG, {}, moderator.accessToken)).moderationLog.edges;
    expect(logAfterReading[0].node).toEqual({
      action: 'READ_CONVERSATION',
      targetId: conversationId,
      reason: null,
      moderator: { id: moderator.id },
    });
    expect(errorCodes(await reply(moderator, conversationId, 'Je lis tout'))).toEqual(['NOT_FOUND']);

    const hidden = data(await app.graphql(HIDE, { id: question.id }, moderator.accessToken)).hideMessage;
    expect(hidden).toEqual({ id: question.id, text: QUESTION, hidden: true });
    for (const who of [client, provider]) {
      expect(await messagesAs(who, conversationId)).toEqual([{ ...question, text: null, masked: false, hidden: true }]);
    }
    expect(await unreadOf(client)).toBe(0);
    const reports = data(await app.graphql(`{ reports(status: ACTIONED) { edges { node { id } } } }`, {}, moderator.accessToken));
    expect(reports.reports.edges).toContainEqual({ node: { id: report.id } });
    const log = data(await app.graphql(LOG, {}, moderator.accessToken)).moderationLog.edges;
    expect(log[0].node).toEqual({
      action: 'HIDE_MESSAGE',
      targetId: question.id,
      reason: 'Demande de paiement hors plateforme',
      moderator: { id: moderator.id },
    });
    expect(errorCodes(await app.graphql(HIDE, { id: question.id }, moderator.accessToken))).toEqual(['CONFLICT']);
    // Its author is told once, by the statement of reasons, which names the mission and opens the conversation.
    const notices = await notificationsOf(provider);
    expect(notices.map((notice: { kind: string }) => notice.kind)).not.toContain('MESSAGE_HIDDEN');
    expect(notices).toContainEqual({
      kind: 'MODERATION_DECISION',
      conversationId,
      text: expect.stringContaining('Mission : « Monter une armoire PAX ». Faits : Demande de paiement hors plateforme — Fondement'),
    });
  });

  it('leaves a hidden mission’s conversations to its client and assigned provider: the other providers lose theirs', async () => {
    const { client, provider, missionId, conversationId } = await aQuestion();
    const moderator = await aUserWithRole(app, 'MODERATOR');
    data(
      await app.graphql(
        `mutation ($id: ID!) { hideMission(id: $id, reason: "Annonce frauduleuse") { id } }`,
        { id: missionId },
        moderator.accessToken,
      ),
    );
    expect((await conversationAs(client, conversationId)).id).toBe(conversationId);
    expect(errorCodes(await app.graphql(CONVERSATION, { id: conversationId }, provider.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await reply(provider, conversationId, 'Toujours là ?'))).toEqual(['NOT_FOUND']);
    expect(await unreadOf(provider)).toBe(0);
  });

  it('writes a reply in a streak in three statements: the rate limit, the conversation with its mission, and one write with its event on the condition that the conversation is still as read', async () => {
    const { client, conversationId } = await aQuestion();
    // The first reply tells the provider; the next ones of the streak do not, and are the common case measured here.
    data(await reply(client, conversationId, 'Oui, samedi matin.'));
    const counter = new StatementCounter(app.http);
    try {
      const requestId = `reply-${randomBytes(6).toString('hex')}`;
      const { result, statements } = await counter.count(requestId, () =>
        request(app.http)
          .post('/graphql')
          .set('Authorization', `Bearer ${client.accessToken}`)
          .set('X-Request-Id', requestId)
          .send({ query: SEND.replace(MESSAGE_FIELDS, 'id text createdAt'), variables: { conversationId, text: 'Parfait, à samedi.' } }),
      );
      expect(result.body.errors).toBeUndefined();
      expect(statements.map((statement) => statement.text.replace(/\s+/g, ' ').slice(0, 40))).toEqual([
        expect.stringMatching(/^INSERT INTO rate_limit_counters/),
        expect.stringMatching(/^SELECT /),
        expect.stringMatching(/^WITH write_0 AS \(UPDATE conversations/),
      ]);
      expect(statements[1].text).toMatch(/INNER JOIN "missions"/);
      expect(statements[1].text).not.toMatch(/FOR UPDATE/);
    } finally {
      counter.detach();
    }
    const [newest] = await messagesAs(client, conversationId);
    expect(newest).toMatchObject({ text: 'Parfait, à samedi.', author: { id: client.id } });
    const [conversation] = await app.dataSource.query(`SELECT last_message_at, client_last_read_at FROM conversations WHERE id = $1`, [
      conversationId,
    ]);
    expect(conversation.last_message_at.toISOString()).toBe(newest.createdAt);
    expect(conversation.client_last_read_at.toISOString()).toBe(newest.createdAt);
  });

  it('orders concurrent replies of both sides strictly, whichever way each is written, and moves the activity with the newest', async () => {
    const { client, provider, conversationId } = await aQuestion();
    data(await reply(client, conversationId, 'Oui, samedi matin.'));

    const sent = await Promise.all(
      Array.from({ length: 16 }, (_, i) => reply(i % 2 === 0 ? client : provider, conversationId, `Réponse croisée ${i}`)),
    );

    expect(sent.flatMap(errorCodes)).toEqual([]);
    const messages = await messagesAs(client, conversationId);
    const times = messages.map((message: Message) => new Date(message.createdAt).getTime());
    expect(messages.filter((message: Message) => message.text?.startsWith('Réponse croisée'))).toHaveLength(16);
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const [conversation] = await app.dataSource.query(`SELECT last_message_at FROM conversations WHERE id = $1`, [conversationId]);
    expect(conversation.last_message_at.toISOString()).toBe(messages[0].createdAt);
  });

  it('goes the locked way for a reply that tells the recipient, in the transaction that writes it', async () => {
    const { client, provider, conversationId } = await aQuestion();
    data(await app.graphql(MARK_READ, { id: conversationId }, client.accessToken));
    const counter = new StatementCounter(app.http);
    try {
      const requestId = `reply-${randomBytes(6).toString('hex')}`;
      const { result, statements } = await counter.count(requestId, () =>
        request(app.http)
          .post('/graphql')
          .set('Authorization', `Bearer ${provider.accessToken}`)
          .set('X-Request-Id', requestId)
          .send({ query: SEND, variables: { conversationId, text: 'Je peux venir samedi.' } }),
      );
      expect(result.body.errors).toBeUndefined();
      const texts = statements.map((statement) => statement.text.replace(/\s+/g, ' '));
      expect(texts.slice(0, 3)).toEqual([
        expect.stringMatching(/^INSERT INTO rate_limit_counters/),
        expect.stringMatching(/^SELECT /),
        'START TRANSACTION',
      ]);
      expect(texts).toContainEqual(expect.stringMatching(/FOR UPDATE OF c$/));
      expect(texts.indexOf('COMMIT')).toBeGreaterThan(texts.findIndex((text) => /INSERT INTO "?notifications"?/.test(text)));
    } finally {
      counter.detach();
    }
    expect((await notificationsOf(client)).map((notice: { kind: string }) => notice.kind)).toEqual(['NEW_MESSAGE', 'NEW_QUESTION']);
  });

  it('delivers what the event carries and, when a message is too long for one, reads it; ends a subscription once the conversation is out of sight', async () => {
    const { client, provider, missionId, conversationId } = await aQuestion();
    const realtime = app.app.get(RealtimeEvents);
    const providers = subscribe(app.wsUrl, provider.accessToken, MESSAGE_ADDED, { id: conversationId });
    try {
      await until(() => realtime.listenerCount(`conversation:${conversationId}`) === 1);
      // 2,000 four-byte characters: 8,000 bytes, over what a NOTIFY takes, so the event carries the id alone.
      const long: Message = data(await reply(client, conversationId, '🛠'.repeat(2000))).sendMessage;
      expect((await providers.next()).data).toEqual({ messageAdded: long });

      const moderator = await aUserWithRole(app, 'MODERATOR');
      data(
        await app.graphql(
          `mutation ($id: ID!) { hideMission(id: $id, reason: "Annonce frauduleuse") { id } }`,
          { id: missionId },
          moderator.accessToken,
        ),
      );
      data(await reply(client, conversationId, 'Toujours disponible ?'));
      expect(errorCodes((await providers.next()) as GraphQLResponse)).toEqual(['NOT_FOUND']);
    } finally {
      await providers.close();
    }
  });
});
