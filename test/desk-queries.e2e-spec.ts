/**
 * What the API added for the moderators' desk, as HTTP journeys: the disputes queue (with the
 * payment and the conversation, whose reading is logged), the ledger check of one mission, and
 * the moderation log filtered by moderator, action and target. Who may call them is in the
 * authorization matrix.
 */
import { aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aDisputedMissionWithConversation } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const DISPUTES = `{ disputes { edges { node {
  disputedAt disputeReason deliveredAt mission { id title status } provider { id }
  payment { amountCents refundedCents clientSecret }
  conversation { id messages { edges { node { text author { id } } } } }
} } } }`;
const LOG = `query ($moderatorId: ID, $action: String, $targetId: ID) {
  moderationLog(moderatorId: $moderatorId, action: $action, targetId: $targetId) { edges { node { action targetId moderator { id } } } } }`;
const RESOLVE = `mutation ($id: ID!) { resolveDispute(missionId: $id, resolution: PAY_PROVIDER, note: "Travail constaté.") { status } }`;

describe('the API of the moderators’ desk', () => {
  let app: TestApp;
  let moderator: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app?.close());

  const disputed = (title: string) =>
    aDisputedMissionWithConversation(app, {
      title,
      question: `Une question sur « ${title} ».`,
      reason: `Rien n'est fait pour « ${title} ».`,
    });

  it('lists the disputes longest-disputed first, with the payment and the conversation, whose reading is logged', async () => {
    const older = await disputed('Tailler une haie');
    const newer = await disputed('Poser une étagère');
    const response = await app.graphql(DISPUTES, {}, moderator.accessToken);
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.disputes.edges.map((edge: { node: any }) => edge.node);
    expect(nodes.map((node: any) => node.mission.id)).toEqual([older.missionId, newer.missionId]);
    expect(nodes[0]).toMatchObject({
      disputeReason: "Rien n'est fait pour « Tailler une haie ».",
      deliveredAt: expect.any(String),
      mission: { title: 'Tailler une haie', status: 'DISPUTED' },
      provider: { id: older.provider.id },
      payment: { amountCents: 12_000, refundedCents: 0, clientSecret: null },
      conversation: {
        messages: { edges: [{ node: { text: 'Une question sur « Tailler une haie ».', author: { id: older.provider.id } } }] },
      },
    });
    const log = await app.graphql(LOG, { action: 'READ_CONVERSATION', targetId: nodes[0].conversation.id }, moderator.accessToken);
    expect(log.data!.moderationLog.edges).toEqual([
      { node: { action: 'READ_CONVERSATION', targetId: nodes[0].conversation.id, moderator: { id: moderator.id } } },
    ]);

    // Settled, it leaves the queue, and its conversation is the parties' alone again.
    const admin = await aUserWithRole(app, 'ADMIN');
    expect((await app.graphql(RESOLVE, { id: older.missionId }, admin.accessToken)).errors).toBeUndefined();
    const after = await app.graphql(DISPUTES, {}, moderator.accessToken);
    expect(after.data!.disputes.edges.map((edge: { node: any }) => edge.node.mission.id)).toEqual([newer.missionId]);
    const conversation = await app.graphql(
      `query ($id: ID!) { conversation(id: $id) { id } }`,
      { id: nodes[0].conversation.id },
      moderator.accessToken,
    );
    expect(errorCodes(conversation)).toEqual(['NOT_FOUND']);
    await app.graphql(RESOLVE, { id: newer.missionId }, admin.accessToken);
  });

  it("checks one mission's books: nothing wrong, then what is wrong once an entry is off by a cent, and only for that mission", async () => {
    const [tampered, untouched] = await Promise.all([disputed('Vider une cave'), disputed('Monter un lit')]);
    const CHECK = `query ($id: ID!) { missionLedgerCheck(missionId: $id) }`;
    expect((await app.graphql(CHECK, { id: tampered.missionId }, moderator.accessToken)).data).toEqual({ missionLedgerCheck: [] });
    await app.dataSource.query(
      `UPDATE ledger_entries SET amount_cents = amount_cents + 1 WHERE id = (SELECT id FROM ledger_entries WHERE mission_id = $1 LIMIT 1)`,
      [tampered.missionId],
    );
    const problems = (await app.graphql(CHECK, { id: tampered.missionId }, moderator.accessToken)).data!.missionLedgerCheck;
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/does not balance \(1 cents\)/)]));
    expect((await app.graphql(CHECK, { id: untouched.missionId }, moderator.accessToken)).data).toEqual({ missionLedgerCheck: [] });
    expect(errorCodes(await app.graphql(CHECK, { id: 'not-a-mission' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    await app.dataSource.query(
      `UPDATE ledger_entries SET amount_cents = amount_cents - 1 WHERE id = (SELECT id FROM ledger_entries WHERE mission_id = $1 LIMIT 1)`,
      [tampered.missionId],
    );
  });

  it('filters the moderation log by moderator, action and target, each narrowing the others', async () => {
    const [first, second] = await Promise.all([disputed('Laver des vitres'), disputed('Réparer un robinet')]);
    const other = await aUserWithRole(app, 'MODERATOR');
    await app.graphql(RESOLVE, { id: first.missionId }, moderator.accessToken);
    await app.graphql(RESOLVE, { id: second.missionId }, other.accessToken);
    const entries = async (variables: Record<string, unknown>) =>
      (await app.graphql(LOG, variables, moderator.accessToken)).data!.moderationLog.edges.map((edge: { node: any }) => edge.node);

    expect(await entries({ moderatorId: other.id })).toEqual([
      { action: 'RESOLVE_DISPUTE', targetId: second.missionId, moderator: { id: other.id } },
    ]);
    expect(await entries({ targetId: first.missionId })).toEqual([
      { action: 'RESOLVE_DISPUTE', targetId: first.missionId, moderator: { id: moderator.id } },
    ]);
    expect(await entries({ moderatorId: other.id, targetId: first.missionId })).toEqual([]);
    expect((await entries({ action: 'RESOLVE_DISPUTE' })).map((entry: any) => entry.targetId)).toEqual(
      expect.arrayContaining([first.missionId, second.missionId]),
    );
    expect(await entries({ action: 'NO_SUCH_VERB' })).toEqual([]);
    const refused = await app.graphql(LOG, { targetId: 'nope' }, moderator.accessToken);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  });
});
