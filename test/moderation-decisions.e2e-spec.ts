/**
 * Statements of reasons (DSA art. 17) and their contest (art. 20), as the people involved live
 * them: every decision that restricts a user gives that user a statement, in the app and by email
 * over SMTP, listed by myModerationDecisions to them alone; they contest it once, a moderator who
 * did not decide reviews it, a reversal undoes what can be undone, and the user hears the outcome.
 */
import { Clock } from '@marketplace/common';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aSubmittedVerification } from './support/identity.builders';
import { anAppWithMailbox, closeAppWithMailbox, Mailbox, ReceivedEmail } from './support/mailbox';
import { aMission, aProvider } from './support/marketplace.builders';
import { aCompletedMission, aDeliveredMission } from './support/payments.builders';
import { errorCodes, GraphQLResponse, TestApp } from './support/test-app';

const DECISION_FIELDS = `id kind facts automatedDetection automatedDecision targetType targetId createdAt contestableUntil
  ground { id version clause title text titleEn: title(locale: EN) } contest { id status text reviewReason }`;
const MY_DECISIONS = `{ myModerationDecisions { edges { node { ${DECISION_FIELDS} } } } }`;
const CONTEST = `mutation ($id: ID!, $text: String!) { contestModerationDecision(id: $id, text: $text) { id contest { id status text } } }`;
const CONTESTS = `query ($status: ModerationContestStatus) { moderationContests(status: $status, first: 100) {
  edges { node { id status text reviewer { id } decision { id kind } } } } }`;
const CLAIM = `mutation ($id: ID!) { claimModerationContest(id: $id) { id status reviewer { id } } }`;
const REVIEW = `mutation ($id: ID!, $outcome: ContestReview!, $reason: String!) {
  reviewModerationContest(id: $id, outcome: $outcome, reason: $reason) { id status reviewReason } }`;
const NOTIFICATIONS = `{ notifications { edges { node { kind text } } } }`;
const LOG = `{ moderationLog(first: 5) { edges { node { action targetId reason moderator { id } } } } }`;
const REJECT = `mutation ($id: ID!, $reason: String!, $groundId: String) {
  rejectIdentityVerification(id: $id, reason: $reason, groundId: $groundId) { id status } }`;
const HIDE_MISSION = `mutation ($id: ID!, $groundId: String) { hideMission(id: $id, reason: "Prestation réservée aux électriciens habilités", groundId: $groundId) { id } }`;
const SUSPEND = `mutation ($id: ID!) { suspendUser(id: $id, reason: "Demandes répétées de paiement en liquide", groundId: "OFF_PLATFORM_PAYMENT") { id } }`;
const DISPUTE = `mutation ($id: ID!) { openDispute(missionId: $id, reason: "Le travail est à moitié fait.") { status } }`;
const RESOLVE = `mutation ($id: ID!, $resolution: DisputeResolution!, $refundCents: Int) {
  resolveDispute(missionId: $id, resolution: $resolution, refundCents: $refundCents, note: "Photos de la livraison conformes au devis") { status } }`;
const MISSION = `query ($id: ID!) { mission(id: $id) { id } }`;
/** The contest link of a statement: the API's contest page (test/moderation-contest-page.e2e-spec.ts). */
const CONTEST_LINK = /https:\/\/api\.example\.test\/moderation-decisions\/contest\?token=([\w.-]+)/;
const subjectsOf = (emails: ReceivedEmail[]) => emails.map((email) => email.subject);
/** Not the emails of the completion a settlement brings (the receipt, the missing invoice, the payout): those of the settlement. */
const aboutTheSettlement = (email: ReceivedEmail) => !/^Votre reçu de paiement|aucune facture émise|^Virement de/.test(email.subject);

describe('statements of reasons and their contest', () => {
  let app: TestApp;
  let mailbox: Mailbox;
  let moderator: SignedInUser;
  let reviewer: SignedInUser;

  beforeAll(async () => {
    ({ app, mailbox } = await anAppWithMailbox({ PUBLIC_API_URL: 'https://api.example.test' }));
    [moderator, reviewer] = await Promise.all([aUserWithRole(app, 'MODERATOR'), aUserWithRole(app, 'MODERATOR')]);
  });
  afterAll(() => closeAppWithMailbox(app, mailbox));

  const data = (response: GraphQLResponse) => {
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!;
  };
  const decisionsOf = async (user: SignedInUser) =>
    data(await app.graphql(MY_DECISIONS, {}, user.accessToken)).myModerationDecisions.edges.map((edge: any) => edge.node);
  /** The statements emailed to the user, delivered as the worker would, over SMTP. */
  const statementEmailsTo = async (user: SignedInUser) => {
    await app.runJobs();
    return mailbox.to(user.email).filter((email) => /^(Décision de modération|Moderation decision|Votre contestation)/.test(email.subject));
  };
  /** From now on, what reaches each user by email (delivered over SMTP, as the worker does): `arrived()` gives it, user by user. */
  const emailsFromNowTo = async (...users: SignedInUser[]) => {
    await app.runJobs();
    const seen = users.map((user) => mailbox.to(user.email).length);
    return async () => {
      await app.runJobs();
      return users.map((user, index) => mailbox.to(user.email).slice(seen[index]));
    };
  };
  const notificationsOf = async (user: SignedInUser) =>
    data(await app.graphql(NOTIFICATIONS, {}, user.accessToken)).notifications.edges.map((edge: any) => edge.node);
  const hiddenMissionOf = async (client: SignedInUser) => {
    const missionId = await aMission(app, client);
    data(await app.graphql(HIDE_MISSION, { id: missionId }, moderator.accessToken));
    return missionId;
  };
  const contestedDecisionOf = async (user: SignedInUser) => {
    const [decision] = await decisionsOf(user);
    const contested = data(
      await app.graphql(
        CONTEST,
        { id: decision.id, text: "Mon installation était faite par un électricien, j'ai la facture." },
        user.accessToken,
      ),
    );
    return { decision, contestId: contested.contestModerationDecision.contest.id as string };
  };

  describe('each restricting decision produces a statement, in the app and by email', () => {
    it('an identity rejection: what was decided, the facts, the ground as the terms word it, not automated, how to contest', async () => {
      const provider = await aSignedInUser(app);
      const caseId = await aSubmittedVerification(app, provider);
      const reason = 'La photo du document est floue';
      const arrived = await emailsFromNowTo(provider);
      data(await app.graphql(REJECT, { id: caseId, reason }, moderator.accessToken));
      // One email for one decision: the statement, with what the rejection notice said (what to do next).
      expect(subjectsOf((await arrived())[0]!)).toEqual(["Décision de modération : votre vérification d'identité est refusée"]);
      expect((await notificationsOf(provider)).map((n: any) => n.kind)).toEqual(['MODERATION_DECISION']);

      const [statement, ...others] = await decisionsOf(provider);
      expect(others).toEqual([]);
      expect(statement).toMatchObject({
        kind: 'IDENTITY_REJECTED',
        facts: reason,
        automatedDetection: false,
        automatedDecision: false,
        targetType: 'IDENTITY_VERIFICATION',
        targetId: caseId,
        ground: {
          id: 'IDENTITY_NOT_VERIFIABLE',
          version: 1,
          clause: '3.2',
          title: 'Identité non vérifiable',
          titleEn: 'Identity cannot be verified',
        },
        contest: null,
      });
      const issuedAt = new Date(statement.createdAt);
      const until = new Date(statement.contestableUntil);
      expect(until.getUTCMonth()).toBe((issuedAt.getUTCMonth() + 6) % 12);
      expect(until.getTime() - issuedAt.getTime()).toBeGreaterThanOrEqual(181 * 86_400_000);

      const [notice] = (await notificationsOf(provider)).filter((n: any) => n.kind === 'MODERATION_DECISION');
      expect(notice.text).toContain(`Faits : ${reason}`);
      expect(notice.text).toContain("conditions d'utilisation, article 3.2 (v1), Identité non vérifiable");
      expect(notice.text).toContain('Décision prise par un modérateur, sans moyen automatisé');
      expect(notice.text).toContain(`jusqu'au ${statement.contestableUntil.slice(0, 10)}`);
      expect(notice.text).toContain('organisme de règlement extrajudiciaire des litiges certifié');
      expect(notice.text).toContain('Vous pouvez envoyer de nouveaux documents.');

      const [email] = await statementEmailsTo(provider);
      expect(email!.subject).toBe("Décision de modération : votre vérification d'identité est refusée");
      expect(email!.text).toContain(notice.text);
      expect(email!.text).toContain('https://app.example.test/moderation-decisions');
      expect(email!.headers.has('list-unsubscribe')).toBe(false);
    });

    it('a hidden mission, rating and message: each to its author, in their language, citing the ground the moderator chose', async () => {
      const client = await aSignedInUser(app, { locale: 'EN' });
      const missionId = await aMission(app, client);
      const toClient = await emailsFromNowTo(client);
      data(await app.graphql(HIDE_MISSION, { id: missionId, groundId: 'ILLEGAL_SERVICE' }, moderator.accessToken));
      expect(subjectsOf((await toClient())[0]!)).toEqual(['Moderation decision: one of your missions, ratings or messages is hidden']);

      const { client: rater, missionId: rated } = await aCompletedMission(app);
      const rating = data(
        await app.graphql(
          `mutation ($m: ID!) { rateMission(input: { missionId: $m, score: 1, comment: "Un escroc, fuyez !" }) { id } }`,
          { m: rated },
          rater.accessToken,
        ),
      ).rateMission;
      const toRater = await emailsFromNowTo(rater);
      data(
        await app.graphql(
          `mutation ($id: ID!) { hideRating(id: $id, reason: "Insulte", groundId: "ABUSIVE_CONTENT") { id } }`,
          { id: rating.id },
          moderator.accessToken,
        ),
      );
      const [ratingEmails] = await toRater();

      const asker = await aProvider(app);
      const message = data(
        await app.graphql(
          `mutation ($m: ID!) { sendMessage(missionId: $m, text: "Payez-moi en liquide, c'est moins cher") { id } }`,
          { m: await aMission(app, rater) },
          asker.accessToken,
        ),
      ).sendMessage;
      data(
        await app.graphql(
          `mutation ($id: ID!) { report(target: MESSAGE, targetId: $id, reason: "Demande un paiement en liquide.") { id } }`,
          { id: message.id },
          rater.accessToken,
        ),
      );
      const toAsker = await emailsFromNowTo(asker);
      data(
        await app.graphql(
          `mutation ($id: ID!) { hideMessage(id: $id, reason: "Paiement hors plateforme") { id } }`,
          { id: message.id },
          moderator.accessToken,
        ),
      );
      const [messageEmails] = await toAsker();

      expect(await decisionsOf(client)).toEqual([
        expect.objectContaining({
          kind: 'CONTENT_HIDDEN',
          targetType: 'MISSION',
          targetId: missionId,
          ground: expect.objectContaining({ id: 'ILLEGAL_SERVICE' }),
        }),
      ]);
      expect(await decisionsOf(rater)).toEqual([
        expect.objectContaining({
          kind: 'CONTENT_HIDDEN',
          targetType: 'RATING',
          targetId: rating.id,
          facts: 'Insulte',
          ground: expect.objectContaining({ id: 'ABUSIVE_CONTENT' }),
        }),
      ]);
      expect(await decisionsOf(asker)).toEqual([
        expect.objectContaining({
          kind: 'CONTENT_HIDDEN',
          targetType: 'MESSAGE',
          targetId: message.id,
          ground: expect.objectContaining({ id: 'CONTENT_RULES' }),
        }),
      ]);
      const [english] = await statementEmailsTo(client);
      expect(english!.subject).toBe('Moderation decision: one of your missions, ratings or messages is hidden');
      expect(english!.text).toContain('terms of use, clause 5.4 (v1), Unlawful service: A mission asking for a service');
      expect(english!.text).toContain('Decided by a moderator, with no automated means.');
      expect(english!.text).toContain('Mission: "');
      // One email each, the statement, naming what the hiding notices named: the mission, the rating's reason from the list.
      for (const emails of [ratingEmails!, messageEmails!]) {
        expect(subjectsOf(emails)).toEqual(['Décision de modération : un de vos contenus (mission, note ou message) est masqué']);
        expect(emails[0]!.text).toMatch(/Mission : « .+ »\./);
      }
      expect(ratingEmails![0]!.text).toContain('— Insulte. Faits : Insulte — Fondement');
    });

    it('a suspension: the statement reaches the suspended user by email, as they can no longer sign in', async () => {
      const user = await aSignedInUser(app);
      const arrived = await emailsFromNowTo(user);
      data(await app.graphql(SUSPEND, { id: user.id }, moderator.accessToken));
      const [[email, ...others]] = await arrived();
      expect(others).toEqual([]);
      expect(email!.subject).toBe('Décision de modération : votre compte est suspendu');
      expect(email!.text).toContain('Vous ne pouvez plus vous connecter ; vos missions ouvertes sont retirées');
      expect(email!.text).toContain('Faits : Demandes répétées de paiement en liquide — Fondement');
      expect(email!.text).toContain('article 6.1 (v1), Paiement hors plateforme');
      const [row] = await app.dataSource.query(`SELECT kind, ground_id, moderator_id FROM moderation_decisions WHERE user_id = $1`, [
        user.id,
      ]);
      expect(row).toEqual({ kind: 'SUSPENSION', ground_id: 'OFF_PLATFORM_PAYMENT', moderator_id: moderator.id });
    });

    it('a dispute settled: to the party it goes against, both parties for a split', async () => {
      const paid = await aDeliveredMission(app);
      data(await app.graphql(DISPUTE, { id: paid.missionId }, paid.client.accessToken));
      const toParties = await emailsFromNowTo(paid.client, paid.provider);
      data(await app.graphql(RESOLVE, { id: paid.missionId, resolution: 'PAY_PROVIDER' }, moderator.accessToken));
      // The client it goes against: the statement alone; the provider it favours: the settlement's notice.
      const [toClient, toProvider] = (await toParties()).map((emails) => emails.filter(aboutTheSettlement));
      expect(subjectsOf(toClient!)).toEqual([
        'Décision de modération : le litige sur une de vos missions est tranché, en tout ou en partie, contre vous',
      ]);
      expect(toClient![0]!.text).toMatch(/Mission : « .+ »\. Issue : le prestataire est payé\. Faits : Photos de la livraison/);
      expect(subjectsOf(toProvider!)).toEqual([expect.stringMatching(/^Litige tranché sur « .+ »$/)]);
      expect(await decisionsOf(paid.client)).toEqual([
        expect.objectContaining({
          kind: 'DISPUTE_SETTLED',
          targetType: 'MISSION',
          targetId: paid.missionId,
          facts: 'Photos de la livraison conformes au devis',
        }),
      ]);
      expect(await decisionsOf(paid.provider)).toEqual([]);

      const split = await aDeliveredMission(app);
      data(await app.graphql(DISPUTE, { id: split.missionId }, split.client.accessToken));
      const toSplitParties = await emailsFromNowTo(split.client, split.provider);
      data(await app.graphql(RESOLVE, { id: split.missionId, resolution: 'SPLIT', refundCents: 4_000 }, moderator.accessToken));
      const emails = (await toSplitParties()).map((received) => received.filter(aboutTheSettlement));
      for (const [index, party] of [split.client, split.provider].entries()) {
        expect((await decisionsOf(party)).map((decision: any) => decision.kind)).toEqual(['DISPUTE_SETTLED']);
        expect(subjectsOf(emails[index]!)).toEqual([
          'Décision de modération : le litige sur une de vos missions est tranché, en tout ou en partie, contre vous',
        ]);
        expect(emails[index]![0]!.text).toMatch(/Issue : 40,00\s€ remboursés au client, le reste versé au prestataire\./);
      }
    });

    it('lists them newest first, to the affected user only: nobody else reads them', async () => {
      const client = await aSignedInUser(app);
      const first = await hiddenMissionOf(client);
      const second = await hiddenMissionOf(client);
      const mine = await decisionsOf(client);
      expect(mine.map((decision: any) => decision.targetId)).toEqual([second, first]);
      const stranger = await aSignedInUser(app);
      expect(await decisionsOf(stranger)).toEqual([]);
      const node = `query ($id: ID!) { node(id: $id) { id } }`;
      expect(data(await app.graphql(node, { id: mine[0].id }, stranger.accessToken)).node).toBeNull();
      expect(data(await app.graphql(node, { id: mine[0].id }, client.accessToken)).node).toEqual({ id: mine[0].id });
    });

    it('refuses a ground the kind of decision may not rest on, and then decides nothing', async () => {
      const client = await aSignedInUser(app);
      const missionId = await aMission(app, client);
      const refused = await app.graphql(HIDE_MISSION, { id: missionId, groundId: 'TAX_INFORMATION_MISSING' }, moderator.accessToken);
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0]!.message).toContain('groundId: not a ground of a CONTENT_HIDDEN decision');
      expect(data(await app.graphql(MISSION, { id: missionId }, (await aSignedInUser(app)).accessToken)).mission).toEqual({
        id: missionId,
      });
      expect(await decisionsOf(client)).toEqual([]);
    });

    it('publishes the grounds in force, by kind, to anyone', async () => {
      const grounds = data(await app.graphql(`{ moderationGrounds(kind: SUSPENSION) { id kinds } }`)).moderationGrounds;
      expect(grounds.map((ground: any) => ground.id)).toEqual([
        'ABUSIVE_CONTENT',
        'ILLEGAL_SERVICE',
        'OFF_PLATFORM_PAYMENT',
        'ACCOUNT_RULES',
        'FRAUD',
      ]);
      for (const ground of grounds) expect(ground.kinds).toContain('SUSPENSION');
    });
  });

  describe('contesting a decision', () => {
    it('the user contests, another moderator reverses it: the mission is shown again, the log says who, the user hears the outcome', async () => {
      const client = await aSignedInUser(app);
      const missionId = await hiddenMissionOf(client);
      const { decision, contestId } = await contestedDecisionOf(client);
      expect((await decisionsOf(client))[0].contest).toMatchObject({ id: contestId, status: 'OPEN' });

      const queue = data(await app.graphql(CONTESTS, {}, reviewer.accessToken)).moderationContests.edges.map((edge: any) => edge.node);
      expect(queue).toContainEqual(
        expect.objectContaining({ id: contestId, status: 'OPEN', reviewer: null, decision: { id: decision.id, kind: 'CONTENT_HIDDEN' } }),
      );
      expect(data(await app.graphql(CLAIM, { id: contestId }, reviewer.accessToken)).claimModerationContest).toEqual({
        id: contestId,
        status: 'OPEN',
        reviewer: { id: reviewer.id },
      });
      const reason = 'Facture de l’électricien fournie : la mission est licite';
      expect(
        data(await app.graphql(REVIEW, { id: contestId, outcome: 'REVERSE', reason }, reviewer.accessToken)).reviewModerationContest,
      ).toEqual({
        id: contestId,
        status: 'REVERSED',
        reviewReason: reason,
      });

      const someone = await aSignedInUser(app);
      expect(data(await app.graphql(MISSION, { id: missionId }, someone.accessToken)).mission).toEqual({ id: missionId });
      const log = data(await app.graphql(LOG, {}, moderator.accessToken)).moderationLog.edges.map((edge: any) => edge.node);
      expect(log.slice(0, 2)).toEqual([
        { action: 'REVERSE_DECISION', targetId: decision.id, reason, moderator: { id: reviewer.id } },
        { action: 'CLAIM_CONTEST', targetId: contestId, reason: null, moderator: { id: reviewer.id } },
      ]);
      const [, outcome] = await statementEmailsTo(client);
      expect(outcome!.subject).toBe('Votre contestation est acceptée');
      expect(outcome!.text).toContain(`elle est annulée. Motif : ${reason}. Votre contenu est de nouveau visible.`);
      expect((await notificationsOf(client)).map((notice: any) => notice.kind).slice(0, 2)).toEqual([
        'MODERATION_CONTEST_DECIDED',
        'MODERATION_DECISION',
      ]);
      expect(
        errorCodes(await app.graphql(REVIEW, { id: contestId, outcome: 'UPHOLD', reason: 'Finalement non' }, reviewer.accessToken)),
      ).toEqual(['CONFLICT']);
    });

    it('a suspended user, who cannot sign in, contests by the link in the email; reversed, they sign in again and are told what stays undone', async () => {
      const user = await aSignedInUser(app);
      data(await app.graphql(SUSPEND, { id: user.id }, moderator.accessToken));
      const [statement] = await statementEmailsTo(user);
      const token = CONTEST_LINK.exec(statement!.text)![1]!;
      const contestByLink = (linkToken: string, text: string) =>
        request(app.http).post(`/moderation-decisions/contest?token=${linkToken}`).send({ text });

      expect((await contestByLink(`${token}x`, 'Je n’ai jamais demandé de paiement en liquide.')).status).toBe(400);
      expect((await contestByLink(token, 'court')).status).toBe(400);
      const contested = await contestByLink(token, 'Je n’ai jamais demandé de paiement en liquide.');
      expect(contested.body).toEqual({ decisionId: expect.any(String), contested: true });
      expect((await contestByLink(token, 'Je conteste encore une fois cette décision.')).status).toBe(409);
      const [{ id: contestId, text }] = await app.dataSource.query(
        `SELECT c.id, c.text FROM moderation_contests c JOIN moderation_decisions d ON d.id = c.decision_id WHERE d.user_id = $1`,
        [user.id],
      );
      expect(text).toBe('Je n’ai jamais demandé de paiement en liquide.');

      data(
        await app.graphql(REVIEW, { id: contestId, outcome: 'REVERSE', reason: 'Messages relus : aucune demande' }, reviewer.accessToken),
      );
      const login = await app.graphql(`mutation ($input: LoginInput!) { login(input: $input) { accessToken } }`, {
        input: { email: user.email, password: user.password },
      });
      expect(login.errors).toBeUndefined();
      const [, outcome] = await statementEmailsTo(user);
      expect(outcome!.text).toContain(
        'Votre compte est rétabli ; vos missions retirées et vos offres en attente au moment de la suspension ne le sont pas',
      );
    });

    it('lets only an admin lift, on review, the suspension an admin imposed on a moderator (FORBIDDEN for a moderator, who changes nothing)', async () => {
      const [admin, otherAdmin, suspended] = await Promise.all([
        aUserWithRole(app, 'ADMIN'),
        aUserWithRole(app, 'ADMIN'),
        aUserWithRole(app, 'MODERATOR'),
      ]);
      data(await app.graphql(SUSPEND, { id: suspended.id }, admin.accessToken));
      const [statement] = await statementEmailsTo(suspended);
      const token = CONTEST_LINK.exec(statement!.text)![1]!;
      const contested = await request(app.http)
        .post(`/moderation-decisions/contest?token=${token}`)
        .send({ text: 'Je n’ai rien demandé de tel.' });
      expect(contested.status).toBe(200);
      const [{ id: contestId }] = await app.dataSource.query(
        `SELECT c.id FROM moderation_contests c JOIN moderation_decisions d ON d.id = c.decision_id WHERE d.user_id = $1`,
        [suspended.id],
      );
      const byModerator = await app.graphql(REVIEW, { id: contestId, outcome: 'REVERSE', reason: 'Rien trouvé' }, reviewer.accessToken);
      expect(errorCodes(byModerator)).toEqual(['FORBIDDEN']);
      expect(byModerator.errors![0]!.message).toBe('Only an admin can lift the suspension of a moderator or an admin.');
      const [still] = await app.dataSource.query(
        `SELECT u.suspended_at IS NOT NULL AS suspended, c.status FROM users u, moderation_contests c WHERE u.id = $1 AND c.id = $2`,
        [suspended.id, contestId],
      );
      expect(still).toEqual({ suspended: true, status: 'OPEN' });
      data(await app.graphql(REVIEW, { id: contestId, outcome: 'REVERSE', reason: 'Rien trouvé' }, otherAdmin.accessToken));
      const [lifted] = await app.dataSource.query(`SELECT suspended_at FROM users WHERE id = $1`, [suspended.id]);
      expect(lifted.suspended_at).toBeNull();
    });

    it('upholding leaves the decision in force and points to the out-of-court bodies and courts', async () => {
      const client = await aSignedInUser(app);
      const missionId = await hiddenMissionOf(client);
      const { contestId } = await contestedDecisionOf(client);
      data(await app.graphql(REVIEW, { id: contestId, outcome: 'UPHOLD', reason: 'Aucune facture jointe' }, reviewer.accessToken));
      expect(data(await app.graphql(MISSION, { id: missionId }, (await aSignedInUser(app)).accessToken)).mission).toBeNull();
      const [, outcome] = await statementEmailsTo(client);
      expect(outcome!.subject).toBe('Votre contestation est rejetée');
      expect(outcome!.text).toContain('elle est maintenue. Motif : Aucune facture jointe. Vous pouvez aussi vous adresser à un organisme');
    });

    it('is once per decision: the second contest is CONFLICT, even sent at the same time as the first', async () => {
      const client = await aSignedInUser(app);
      await hiddenMissionOf(client);
      const [decision] = await decisionsOf(client);
      const text = 'Cette mission respecte les règles de la plateforme.';
      const answers = await Promise.all([1, 2, 3].map(() => app.graphql(CONTEST, { id: decision.id, text }, client.accessToken)));
      expect(answers.map((answer) => (answer.errors ? errorCodes(answer)[0] : 'OK')).sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
      expect(errorCodes(await app.graphql(CONTEST, { id: decision.id, text }, client.accessToken))).toEqual(['CONFLICT']);
      const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM moderation_contests WHERE decision_id = $1`, [
        decision.id,
      ]);
      expect(n).toBe(1);
    });

    it("refuses someone else's decision (NOT_FOUND), an empty or too long text (BAD_USER_INPUT), and after six months (CONFLICT)", async () => {
      const client = await aSignedInUser(app);
      await hiddenMissionOf(client);
      const [decision] = await decisionsOf(client);
      const other = await aSignedInUser(app);
      const text = 'Je conteste cette décision, elle est injuste.';
      expect(errorCodes(await app.graphql(CONTEST, { id: decision.id, text }, other.accessToken))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await app.graphql(CONTEST, { id: decision.id, text }, moderator.accessToken))).toEqual(['NOT_FOUND']);
      for (const bad of ['', '   ', 'court', 'x'.repeat(2001)]) {
        expect(errorCodes(await app.graphql(CONTEST, { id: decision.id, text: bad }, client.accessToken))).toEqual(['BAD_USER_INPUT']);
      }
      const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(new Date(decision.contestableUntil).getTime() + 1));
      try {
        const late = await app.graphql(CONTEST, { id: decision.id, text }, client.accessToken);
        expect(errorCodes(late)).toEqual(['CONFLICT']);
        expect(late.errors![0]!.message).toBe(`The time to contest this decision ended on ${decision.contestableUntil.slice(0, 10)}.`);
      } finally {
        clock.mockRestore();
      }
      expect((await decisionsOf(client))[0].contest).toBeNull();
    });

    it('is never reviewed by the moderator who decided (FORBIDDEN), nor by a second one while another has it (CONFLICT)', async () => {
      const client = await aSignedInUser(app);
      await hiddenMissionOf(client);
      const { contestId } = await contestedDecisionOf(client);
      expect(errorCodes(await app.graphql(CLAIM, { id: contestId }, moderator.accessToken))).toEqual(['FORBIDDEN']);
      const byDecider = await app.graphql(REVIEW, { id: contestId, outcome: 'UPHOLD', reason: 'Je maintiens' }, moderator.accessToken);
      expect(errorCodes(byDecider)).toEqual(['FORBIDDEN']);
      expect(byDecider.errors![0]!.message).toBe('You took this decision, or it is about you: another moderator must act.');

      const third = await aUserWithRole(app, 'MODERATOR');
      data(await app.graphql(CLAIM, { id: contestId }, reviewer.accessToken));
      expect(errorCodes(await app.graphql(CLAIM, { id: contestId }, third.accessToken))).toEqual(['CONFLICT']);
      expect(
        errorCodes(await app.graphql(REVIEW, { id: contestId, outcome: 'REVERSE', reason: 'Je reprends' }, third.accessToken)),
      ).toEqual(['CONFLICT']);
      const [row] = await app.dataSource.query(`SELECT status, reviewer_id FROM moderation_contests WHERE id = $1`, [contestId]);
      expect(row).toEqual({ status: 'OPEN', reviewer_id: reviewer.id });
      expect(errorCodes(await app.graphql(CONTESTS, {}, client.accessToken))).toEqual(['FORBIDDEN']);
    });
  });
});
