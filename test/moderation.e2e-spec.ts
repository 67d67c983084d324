import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aMission } from './support/marketplace.builders';
import { aCompletedMission, waitFor } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const REPORT = `mutation ($target: ReportTarget!, $targetId: ID!, $reason: String!) {
  report(target: $target, targetId: $targetId, reason: $reason) { id target targetId reason status reporter { id } createdAt } }`;
const REPORTS = `query ($status: ReportStatus) { reports(status: $status, first: 100) { edges { node { id targetId status } } pageInfo { hasNextPage } } }`;
const DISMISS = `mutation ($id: ID!) { dismissReport(id: $id) { id status } }`;
const SUSPEND = `mutation ($id: ID!, $reason: String!) { suspendUser(id: $id, reason: $reason) { id isSuspended } }`;
const LOG = `{ moderationLog { edges { node { action targetId reason moderator { id } } } } }`;

describe('the moderation desk', () => {
  let app: TestApp;
  let moderator: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start();
    moderator = await aUserWithRole(app, 'MODERATOR');
  });

  afterAll(async () => {
    await app.close();
  });

  const reportUser = (reporter: SignedInUser, target: SignedInUser, reason = 'Asked me to pay outside the platform.') =>
    app.graphql(REPORT, { target: 'USER', targetId: target.id, reason }, reporter.accessToken);

  it('a user reports another, a moderator suspends them: the report is actioned, the user locked out, the log written', async () => {
    const reporter = await aSignedInUser(app);
    const scammer = await aSignedInUser(app);
    const reported = await reportUser(reporter, scammer);
    expect(reported.data?.report).toMatchObject({ target: 'USER', targetId: scammer.id, status: 'OPEN', reporter: { id: reporter.id } });

    const queue = await app.graphql(REPORTS, {}, moderator.accessToken);
    expect(queue.data?.reports.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(reported.data?.report.id);

    const suspended = await app.graphql(SUSPEND, { id: scammer.id, reason: 'Off-platform payment requests' }, moderator.accessToken);
    expect(suspended.data?.suspendUser).toEqual({ id: scammer.id, isSuspended: true });
    expect(errorCodes(await app.graphql('{ me { id } }', {}, scammer.accessToken))).toEqual(['FORBIDDEN']);
    expect(
      errorCodes(
        await app.graphql(`mutation ($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: scammer.refreshToken }),
      ),
    ).toEqual(['UNAUTHENTICATED']);

    const actioned = await app.graphql(REPORTS, { status: 'ACTIONED' }, moderator.accessToken);
    expect(actioned.data?.reports.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(reported.data?.report.id);
    const log = await app.graphql(LOG, {}, moderator.accessToken);
    expect(log.data?.moderationLog.edges[0].node).toEqual({
      action: 'SUSPEND_USER',
      targetId: scammer.id,
      reason: 'Off-platform payment requests',
      moderator: { id: moderator.id },
    });
  });

  it('decides on the roles a grant commits meanwhile: a user made a moderator while being suspended is not suspended by a moderator', async () => {
    const target = await aSignedInUser(app);
    const grant = app.dataSource.createQueryRunner();
    await grant.connect();
    try {
      await grant.startTransaction();
      await grant.query(`UPDATE users SET roles = array_append(roles, 'MODERATOR') WHERE id = $1`, [target.id]);
      const suspension = app.graphql(SUSPEND, { id: target.id, reason: 'Suspended while promoted' }, moderator.accessToken);
      await waitFor(async () => {
        const [{ waiting }] = await app.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting > 0;
      }, 'the suspension to wait for the grant');
      await grant.commitTransaction();
      expect(errorCodes(await suspension)).toEqual(['FORBIDDEN']);
    } finally {
      await grant.release();
    }
    const [user] = await app.dataSource.query(`SELECT suspended_at FROM users WHERE id = $1`, [target.id]);
    expect(user.suspended_at).toBeNull();
  });

  it('a moderator dismisses a report, once', async () => {
    const reported = await reportUser(await aSignedInUser(app), await aSignedInUser(app));
    const id = reported.data?.report.id;
    expect((await app.graphql(DISMISS, { id }, moderator.accessToken)).data?.dismissReport.status).toBe('DISMISSED');
    expect(errorCodes(await app.graphql(DISMISS, { id }, moderator.accessToken))).toEqual(['CONFLICT']);
    expect(errorCodes(await app.graphql(DISMISS, { id: '00000000-0000-4000-8000-000000000000' }, moderator.accessToken))).toEqual([
      'NOT_FOUND',
    ]);
  });

  it('refuses reports that make no sense, and changes nothing', async () => {
    const reporter = await aSignedInUser(app);
    const target = await aSignedInUser(app);
    await reportUser(reporter, target);
    const reports = await app.count('reports');

    expect(errorCodes(await reportUser(reporter, target))).toEqual(['CONFLICT']);
    expect(errorCodes(await reportUser(reporter, reporter))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await reportUser(reporter, target, 'bad'))).toEqual(['BAD_USER_INPUT']);
    const ghost = { target: 'USER', targetId: '00000000-0000-4000-8000-000000000000', reason: 'This account does not exist at all.' };
    expect(errorCodes(await app.graphql(REPORT, ghost, reporter.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(REPORT, { ...ghost, target: 'MISSION' }, reporter.accessToken))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await app.graphql(REPORT, { ...ghost, targetId: 'user-1' }, reporter.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await app.graphql(REPORT, { target: 'USER', targetId: target.id, reason: 'Anonymous report here' }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await app.count('reports')).toBe(reports);
  });

  it("refuses reporting your own mission or your own rating, and takes the other side's", async () => {
    const { client, provider, missionId } = await aCompletedMission(app);
    const rate = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
    const clientRating = (await app.graphql(rate, { input: { missionId, score: 2 } }, client.accessToken)).data!.rateMission.id as string;
    const openMission = await aMission(app, client);
    const reports = await app.count('reports');
    const reasons = { reason: 'Nothing wrong, just trying.' };

    for (const [target, targetId] of [
      ['MISSION', missionId],
      ['MISSION', openMission],
      ['RATING', clientRating],
    ]) {
      const refused = await app.graphql(REPORT, { target, targetId, ...reasons }, client.accessToken);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'targetId' }] });
    }
    expect(await app.count('reports')).toBe(reports);
    await app.graphql(rate, { input: { missionId, score: 5 } }, provider.accessToken); // both rated: published
    expect(errorCodes(await app.graphql(REPORT, { target: 'RATING', targetId: clientRating, ...reasons }, provider.accessToken))).toEqual(
      [],
    );
    expect(errorCodes(await app.graphql(REPORT, { target: 'MISSION', targetId: missionId, ...reasons }, provider.accessToken))).toEqual([]);
  });

  it('keeps the desk to moderators, and moderators under admins', async () => {
    const user = await aSignedInUser(app);
    const other = await aSignedInUser(app);
    const otherModerator = await aUserWithRole(app, 'MODERATOR');
    const admin = await aUserWithRole(app, 'ADMIN');

    expect(errorCodes(await app.graphql(REPORTS, {}, user.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(SUSPEND, { id: other.id, reason: 'I do not like them' }, user.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(SUSPEND, { id: moderator.id, reason: 'Self-suspension' }, moderator.accessToken))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await app.graphql(SUSPEND, { id: otherModerator.id, reason: 'Rogue moderator' }, moderator.accessToken))).toEqual([
      'FORBIDDEN',
    ]);
    expect(errorCodes(await app.graphql(SUSPEND, { id: other.id, reason: 'x' }, moderator.accessToken))).toEqual(['BAD_USER_INPUT']);
    expect((await app.graphql(`query ($id: ID!) { user(id: $id) { isSuspended } }`, { id: other.id })).data?.user.isSuspended).toBe(false);

    expect(
      (await app.graphql(SUSPEND, { id: otherModerator.id, reason: 'Rogue moderator' }, admin.accessToken)).data?.suspendUser.isSuspended,
    ).toBe(true);
    expect(errorCodes(await app.graphql(SUSPEND, { id: otherModerator.id, reason: 'Rogue moderator' }, admin.accessToken))).toEqual([
      'CONFLICT',
    ]);
  });
});
