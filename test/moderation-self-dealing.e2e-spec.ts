/**
 * A moderator never decides a case they are a party to (issue #13): their mission, a rating they
 * wrote or that is about them, a report they filed or that is about them, their own identity
 * verification. Admins are moderators too, and no exception. The refusal says another moderator
 * must act, and changes nothing; another moderator then can.
 */
import { aSignedInUser, aUserWithRole, grantRoleTo, SignedInUser } from './support/accounts.builders';
import { aSubmittedVerification } from './support/identity.builders';
import { aBid, aMission, aProvider } from './support/marketplace.builders';
import { aCompletedMission, aDeliveredMission, anAssignedMission } from './support/payments.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const RESOLVE = `mutation ($id: ID!, $resolution: DisputeResolution!) {
  resolveDispute(missionId: $id, resolution: $resolution, note: "Photos du travail fournies.") { status } }`;
const HIDE_MISSION = `mutation ($id: ID!) { hideMission(id: $id, reason: "Annonce frauduleuse") { id } }`;
const HIDE_RATING = `mutation ($id: ID!) { hideRating(id: $id, reason: "Propos injurieux") { id } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
const REPORT = `mutation ($target: ReportTarget!, $id: ID!) {
  report(target: $target, targetId: $id, reason: "Comportement contraire aux règles.") { id } }`;
const DISMISS = `mutation ($id: ID!) { dismissReport(id: $id) { status } }`;
const SUSPEND = `mutation ($id: ID!) { suspendUser(id: $id, reason: "Paiements hors plateforme") { isSuspended } }`;
const CLAIM = `mutation ($id: ID!) { claimIdentityVerification(id: $id) { id } }`;
const APPROVE = `mutation ($id: ID!) { approveIdentityVerification(id: $id) { status } }`;
const REJECT = `mutation ($id: ID!) { rejectIdentityVerification(id: $id, reason: "Document illisible") { status } }`;
const ACCEPT = `mutation ($id: ID!) { acceptBid(id: $id) { status } }`;

describe('moderators never decide their own cases', () => {
  let app: TestApp;
  let moderator: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });
  afterAll(() => app.close());

  /** Every row a moderator's decision about these ids could write: a refusal must leave them as they were. */
  const rowsAbout = (ids: string[]) =>
    app.dataSource.query(
      `SELECT * FROM (SELECT 'missions' AS t, to_jsonb(x) AS row FROM missions x WHERE x.id = ANY($1::uuid[])
       UNION ALL SELECT 'bids', to_jsonb(x) FROM bids x WHERE x.mission_id = ANY($1::uuid[])
       UNION ALL SELECT 'payments', to_jsonb(x) FROM payments x WHERE x.mission_id = ANY($1::uuid[])
       UNION ALL SELECT 'ratings', to_jsonb(x) FROM ratings x WHERE x.id = ANY($1::uuid[]) OR x.mission_id = ANY($1::uuid[])
       UNION ALL SELECT 'reputations', to_jsonb(x) FROM reputations x WHERE x.user_id = ANY($1::uuid[])
       UNION ALL SELECT 'reports', to_jsonb(x) FROM reports x WHERE x.id = ANY($1::uuid[]) OR x.target_id = ANY($1::uuid[])
       UNION ALL SELECT 'users', to_jsonb(x) FROM users x WHERE x.id = ANY($1::uuid[])
       UNION ALL SELECT 'refresh_tokens', to_jsonb(x) FROM refresh_tokens x WHERE x.user_id = ANY($1::uuid[])
       UNION ALL SELECT 'identity_verifications', to_jsonb(x) FROM identity_verifications x WHERE x.id = ANY($1::uuid[])
       UNION ALL SELECT 'moderation_actions', to_jsonb(x) FROM moderation_actions x WHERE x.target_id = ANY($1::uuid[])
      ) touched ORDER BY t, row::text`,
      [ids],
    );

  /** The moderator is refused (FORBIDDEN, another moderator must act) and nothing about `ids` changed. */
  const expectRefusedToParty = async (call: () => Promise<GraphQLResponse>, ids: string[]) => {
    const before = await rowsAbout(ids);
    const response = await call();
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0].message).toMatch(/another moderator must act/);
    expect(await rowsAbout(ids)).toEqual(before);
  };

  const report = async (reporter: SignedInUser, target: 'USER' | 'MISSION' | 'RATING', id: string): Promise<string> => {
    const response = await app.graphql(REPORT, { target, id }, reporter.accessToken);
    if (!response.data) throw new Error(`report failed: ${JSON.stringify(response.errors)}`);
    return response.data.report.id;
  };

  it('a moderator who is the client, or an admin who is the provider, cannot settle the dispute on their mission', async () => {
    const { client, provider, missionId } = await aDeliveredMission(app);
    await app.graphql(
      `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Rien n'a été monté.") { id } }`,
      { id: missionId },
      client.accessToken,
    );
    await Promise.all([grantRoleTo(app, client, 'MODERATOR'), grantRoleTo(app, provider, 'ADMIN')]);

    await expectRefusedToParty(() => app.graphql(RESOLVE, { id: missionId, resolution: 'REFUND_CLIENT' }, client.accessToken), [missionId]);
    await expectRefusedToParty(
      () => app.graphql(RESOLVE, { id: missionId, resolution: 'PAY_PROVIDER' }, provider.accessToken),
      [missionId],
    );

    const resolved = await app.graphql(RESOLVE, { id: missionId, resolution: 'PAY_PROVIDER' }, moderator.accessToken);
    expect(resolved.data?.resolveDispute).toEqual({ status: 'COMPLETED' });
  });

  it('a moderator cannot hide a mission they posted, nor one they were hired on', async () => {
    const postedByModerator = await aMission(app, moderator);
    await expectRefusedToParty(() => app.graphql(HIDE_MISSION, { id: postedByModerator }, moderator.accessToken), [postedByModerator]);

    const hired = await anAssignedMission(app);
    await grantRoleTo(app, hired.provider, 'MODERATOR');
    await expectRefusedToParty(() => app.graphql(HIDE_MISSION, { id: hired.missionId }, hired.provider.accessToken), [hired.missionId]);

    for (const id of [postedByModerator, hired.missionId]) {
      const other = await aUserWithRole(app, 'MODERATOR');
      expect(errorCodes(await app.graphql(HIDE_MISSION, { id }, other.accessToken))).toEqual([]);
    }
  });

  it('a moderator cannot hide a rating they wrote, nor the 1-star rating about them, nor dismiss its report', async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const clientRating = (await app.graphql(RATE, { input: { missionId, score: 1, comment: 'Travail bâclé.' } }, client.accessToken)).data!
      .rateMission.id;
    const providerRating = (await app.graphql(RATE, { input: { missionId, score: 5 } }, provider.accessToken)).data!.rateMission.id;
    const reportOnIt = await report(await aSignedInUser(app), 'RATING', clientRating);
    await Promise.all([grantRoleTo(app, client, 'ADMIN'), grantRoleTo(app, provider, 'MODERATOR')]);
    const touched = [missionId, clientRating, providerRating, reportOnIt, client.id, provider.id];

    await expectRefusedToParty(() => app.graphql(HIDE_RATING, { id: clientRating }, provider.accessToken), touched);
    await expectRefusedToParty(() => app.graphql(HIDE_RATING, { id: clientRating }, client.accessToken), touched);
    await expectRefusedToParty(() => app.graphql(HIDE_RATING, { id: providerRating }, provider.accessToken), touched);
    await expectRefusedToParty(() => app.graphql(DISMISS, { id: reportOnIt }, provider.accessToken), touched);

    expect(errorCodes(await app.graphql(HIDE_RATING, { id: clientRating }, moderator.accessToken))).toEqual([]);
    const reputation = await app.graphql(`query ($id: ID!) { user(id: $id) { reputation { asProvider { count } } } }`, { id: provider.id });
    expect(reputation.data?.user.reputation.asProvider.count).toBe(0);
  });

  it('a moderator cannot dismiss a report about them or their mission, nor one they filed', async () => {
    const user = await aSignedInUser(app);
    const aboutModerator = await report(user, 'USER', moderator.id);
    const aboutTheirMission = await report(user, 'MISSION', await aMission(app, moderator));
    const filedByModerator = await report(moderator, 'USER', user.id);

    for (const id of [aboutModerator, aboutTheirMission, filedByModerator]) {
      await expectRefusedToParty(() => app.graphql(DISMISS, { id }, moderator.accessToken), [id]);
      const other = await aUserWithRole(app, 'MODERATOR');
      expect((await app.graphql(DISMISS, { id }, other.accessToken)).data?.dismissReport).toEqual({ status: 'DISMISSED' });
    }
  });

  it('a moderator cannot act on a report they filed, by suspending the user or hiding the mission it is about', async () => {
    const [user, client] = await Promise.all([aSignedInUser(app), aSignedInUser(app)]);
    const missionId = await aMission(app, client);
    const aboutUser = await report(moderator, 'USER', user.id);
    const aboutMission = await report(moderator, 'MISSION', missionId);

    await expectRefusedToParty(() => app.graphql(SUSPEND, { id: user.id }, moderator.accessToken), [user.id, aboutUser]);
    expect(errorCodes(await app.graphql(`{ me { id } }`, {}, user.accessToken))).toEqual([]);
    await expectRefusedToParty(() => app.graphql(HIDE_MISSION, { id: missionId }, moderator.accessToken), [missionId, aboutMission]);

    const other = await aUserWithRole(app, 'MODERATOR');
    expect((await app.graphql(SUSPEND, { id: user.id }, other.accessToken)).data?.suspendUser).toEqual({ isSuspended: true });
    expect(errorCodes(await app.graphql(HIDE_MISSION, { id: missionId }, other.accessToken))).toEqual([]);
    const statuses = await app.dataSource.query(`SELECT status FROM reports WHERE id = ANY($1::uuid[])`, [[aboutUser, aboutMission]]);
    expect(statuses).toEqual([{ status: 'ACTIONED' }, { status: 'ACTIONED' }]);
  });

  it('a moderator or an admin cannot claim, approve or reject their own identity verification', async () => {
    const admin = await aUserWithRole(app, 'ADMIN');
    for (const owner of [moderator, admin]) {
      const id = await aSubmittedVerification(app, owner);
      for (const operation of [CLAIM, APPROVE, REJECT]) {
        await expectRefusedToParty(() => app.graphql(operation, { id }, owner.accessToken), [id]);
      }
      const other = await aUserWithRole(app, 'MODERATOR');
      expect((await app.graphql(APPROVE, { id }, other.accessToken)).data?.approveIdentityVerification).toEqual({ status: 'APPROVED' });
    }
  });

  it('a moderator who bid cannot hide the mission once hired: acceptance and hiding sent at once never both succeed', async () => {
    const provider = await aProvider(app);
    await grantRoleTo(app, provider, 'MODERATOR');
    const client = await aSignedInUser(app);
    const races = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const missionId = await aMission(app, client);
        const bidId = await aBid(app, provider, missionId);
        const [accepted, hidden] = await Promise.all([
          app.graphql(ACCEPT, { id: bidId }, client.accessToken),
          app.graphql(HIDE_MISSION, { id: missionId }, provider.accessToken),
        ]);
        const [row] = await app.dataSource.query(`SELECT status, hidden_at IS NOT NULL AS hidden FROM missions WHERE id = $1`, [missionId]);
        return { accepted: errorCodes(accepted), hidden: errorCodes(hidden), row };
      }),
    );
    for (const race of races) {
      expect([
        { accepted: [], hidden: ['FORBIDDEN'], row: { status: 'ASSIGNED', hidden: false } },
        { accepted: ['CONFLICT'], hidden: [], row: { status: 'OPEN', hidden: true } },
      ]).toContainEqual(race);
    }
  });
});
