/**
 * The retention purges with the clock moved: for each, what ended just inside its rule's period
 * stays, what ended just outside goes (files in storage with it), and nothing else is touched:
 * other users' rows, live data, and what the law keeps (invoices, the ledger).
 */
import { Clock } from '@marketplace/common';
import { JobDefinition, JobQueue, JobRunner } from '@marketplace/jobs';
import {
  periodBefore,
  PURGE_CONVERSATIONS_OF_ENDED_MISSIONS,
  PURGE_EXPIRED_AUTH_RECORDS,
  PURGE_OUTBOX_EMAILS,
  PURGE_READ_NOTIFICATIONS,
  PURGE_UNATTACHED_PHOTOS,
  PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS,
  RETENTION_RULES,
  RetentionPeriod,
} from '@marketplace/retention';
import { FileStorage } from '@marketplace/storage';
import { randomUUID } from 'node:crypto';
import { aSignedInUser, anUnverifiedUser, SignedInUser } from './support/accounts.builders';
import { anUploadedDocument } from './support/identity.builders';
import { aMandatedProvider } from './support/invoices.builders';
import { aMission, aProvider } from './support/marketplace.builders';
import { aCompletedMission, ledgerProblems } from './support/payments.builders';
import { anUploadedPhoto } from './support/photos.builders';
import { TestApp } from './support/test-app';

const MINUTE_MS = 60_000;
const ME = `{ me { id } }`;

describe('retention purges', () => {
  let app: TestApp;
  /** The purges' "now": the clock is held here, and moved on from it. */
  let now: Date;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app.close();
  });

  beforeEach(() => {
    now = new Date();
    holdClockAt(now);
  });

  afterEach(() => jest.restoreAllMocks());

  function holdClockAt(instant: Date): void {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(instant);
  }

  /** The rule's cutoff at `now`, give or take a minute: just outside the period (-1) or just inside it (+1). */
  function justOutside(period: RetentionPeriod): Date {
    return new Date(periodBefore(now, period).getTime() - MINUTE_MS);
  }
  function justInside(period: RetentionPeriod): Date {
    return new Date(periodBefore(now, period).getTime() + MINUTE_MS);
  }

  async function purge(job: JobDefinition<Record<string, never>, number>): Promise<void> {
    await app.dataSource.transaction((manager) => app.app.get(JobQueue).enqueue(manager, job, {}));
    await app.runJobs();
  }

  /** Moves the clock past the "just inside" rows' end too, and purges again. */
  async function purgeTwoMinutesLater(job: JobDefinition<Record<string, never>, number>): Promise<void> {
    jest.restoreAllMocks();
    holdClockAt(new Date(now.getTime() + 2 * MINUTE_MS));
    await purge(job);
  }

  const ids = async (sql: string, parameters: unknown[]): Promise<string[]> =>
    ((await app.dataSource.query(sql, parameters)) as { id: string }[]).map((row) => row.id).sort();

  it('runs a handler for every purge job the rules name', () => {
    const jobs = Object.values(RETENTION_RULES).flatMap((rule) => ('job' in rule.purge ? [rule.purge.job] : []));
    expect(app.app.get(JobRunner).registeredJobNames()).toEqual(expect.arrayContaining(jobs));
  });

  it('deletes refresh tokens six months after they expired, email link tokens and rate-limit counters once expired; live ones stay', async () => {
    const [ended, endingLater, live] = [await aSignedInUser(app), await aSignedInUser(app), await aSignedInUser(app)];
    const unverified = await anUnverifiedUser(app);
    const period = RETENTION_RULES.SIGN_INS.period;
    await app.dataSource.query(`UPDATE refresh_tokens SET expires_at = $2 WHERE user_id = $1`, [ended.id, justOutside(period)]);
    await app.dataSource.query(`UPDATE refresh_tokens SET expires_at = $2 WHERE user_id = $1`, [endingLater.id, justInside(period)]);
    await app.dataSource.query(`UPDATE account_tokens SET expires_at = $2 WHERE user_id = $1`, [ended.id, new Date(now.getTime() - 1000)]);
    await app.dataSource.query(`UPDATE account_tokens SET expires_at = $2 WHERE user_id = $1`, [
      unverified.id,
      new Date(now.getTime() + MINUTE_MS),
    ]);
    const closedKey = `login:email:${ended.email}`;
    const openKey = `login:email:${live.email}`;
    await app.dataSource.query(`INSERT INTO rate_limit_counters (key, hits, window_ends_at) VALUES ($1, 3, $2), ($3, 1, $4)`, [
      closedKey,
      new Date(now.getTime() - 1000),
      openKey,
      new Date(now.getTime() + 5 * MINUTE_MS),
    ]);
    const tokensOf = (user: SignedInUser, table: string) =>
      app.dataSource.query(`SELECT 1 FROM ${table} WHERE user_id = $1`, [user.id]).then((rows: unknown[]) => rows.length);
    const counters = () => ids(`SELECT key AS id FROM rate_limit_counters WHERE key = ANY($1)`, [[closedKey, openKey]]);

    await purge(PURGE_EXPIRED_AUTH_RECORDS);
    expect(await tokensOf(ended, 'refresh_tokens')).toBe(0);
    expect(await tokensOf(endingLater, 'refresh_tokens')).toBeGreaterThan(0);
    expect(await tokensOf(ended, 'account_tokens')).toBe(0);
    expect(await tokensOf(unverified, 'account_tokens')).toBe(1);
    expect(await counters()).toEqual([openKey]);

    await purgeTwoMinutesLater(PURGE_EXPIRED_AUTH_RECORDS);
    expect(await tokensOf(endingLater, 'refresh_tokens')).toBe(0);
    expect(await tokensOf(unverified, 'account_tokens')).toBe(0);
    expect(await tokensOf(live, 'refresh_tokens')).toBeGreaterThan(0);
    expect((await app.graphql(ME, {}, live.accessToken)).data!.me.id).toBe(live.id);
  });

  it('deletes the conversations of missions ended five years ago, with their messages and photos (files too); younger and open ones stay', async () => {
    const client = await aSignedInUser(app);
    const provider = await aProvider(app);
    const period = RETENTION_RULES.CONVERSATIONS.period;
    const ask = async (missionId: string, attachmentIds: string[] = []) => {
      const sent = await app.graphql(
        `mutation ($m: ID!, $t: String!, $a: [ID!]) { sendMessage(missionId: $m, text: $t, attachmentIds: $a) { id conversation { id } } }`,
        { m: missionId, t: 'Bonjour, la cloison est-elle en placo ?', a: attachmentIds },
        provider.accessToken,
      );
      if (sent.errors) throw new Error(JSON.stringify(sent.errors));
      return sent.data!.sendMessage.conversation.id as string;
    };
    const cancelledAt = async (missionId: string, at: Date) => {
      const cancelled = await app.graphql(
        `mutation ($id: ID!) { cancelMission(id: $id) { status } }`,
        { id: missionId },
        client.accessToken,
      );
      if (cancelled.errors) throw new Error(JSON.stringify(cancelled.errors));
      await app.dataSource.query(`UPDATE missions SET cancelled_at = $2 WHERE id = $1`, [missionId, at]);
    };
    const [old, recent, open] = [await aMission(app, client), await aMission(app, client), await aMission(app, client)];
    const photoId = await anUploadedPhoto(app, provider);
    const [oldConversation, recentConversation, openConversation] = [await ask(old, [photoId]), await ask(recent), await ask(open)];
    await cancelledAt(old, justOutside(period));
    await cancelledAt(recent, justInside(period));
    await app.dataSource.query(`UPDATE conversations SET created_at = $2 WHERE id = $1`, [openConversation, justOutside({ years: 10 })]);
    const storage = app.app.get(FileStorage);
    expect(await storage.get(`photos/${photoId}.jpg`)).not.toBeNull();
    const conversations = () => ids(`SELECT id FROM conversations WHERE provider_id = $1`, [provider.id]);
    const messagesOf = (conversationId: string) => ids(`SELECT id FROM messages WHERE conversation_id = $1`, [conversationId]);

    await purge(PURGE_CONVERSATIONS_OF_ENDED_MISSIONS);
    expect(await conversations()).toEqual([recentConversation, openConversation].sort());
    expect(await messagesOf(oldConversation)).toEqual([]);
    expect(await ids(`SELECT id FROM photos WHERE id = $1`, [photoId])).toEqual([]);
    expect(await storage.get(`photos/${photoId}.jpg`)).toBeNull();
    expect(await storage.get(`photos/${photoId}-thumbnail.jpg`)).toBeNull();
    // The mission itself is not the conversations' to delete.
    expect(await ids(`SELECT id FROM missions WHERE id = $1`, [old])).toEqual([old]);

    await purgeTwoMinutesLater(PURGE_CONVERSATIONS_OF_ENDED_MISSIONS);
    expect(await conversations()).toEqual([openConversation]);
    expect(await messagesOf(openConversation)).toHaveLength(1);
  });

  it('deletes identity documents never submitted once the period is over, and the files of uploads cut short', async () => {
    const owner = await aSignedInUser(app);
    const period = RETENTION_RULES.UNSUBMITTED_IDENTITY_DOCUMENTS.period.of(app.config);
    const [stale, fresher] = [await anUploadedDocument(app, owner), await anUploadedDocument(app, owner)];
    await app.dataSource.query(`UPDATE identity_documents SET created_at = $2 WHERE id = $1`, [stale, justOutside(period)]);
    await app.dataSource.query(`UPDATE identity_documents SET created_at = $2 WHERE id = $1`, [fresher, justInside(period)]);
    // A crash between storing the file and writing its row leaves the upload's record and the file.
    const cutShort = randomUUID();
    const cutShortKey = `identity-documents/${owner.id}/${cutShort}`;
    await app.app.get(FileStorage).put(
      cutShortKey,
      (async function* () {
        yield Buffer.from('half an encrypted scan');
      })(),
    );
    await app.dataSource.query(`INSERT INTO identity_document_uploads (id, owner_id, started_at, finished_at) VALUES ($1, $2, $3, NULL)`, [
      cutShort,
      owner.id,
      new Date(now.getTime() - 25 * 60 * MINUTE_MS),
    ]);
    const documents = () => ids(`SELECT id FROM identity_documents WHERE owner_id = $1`, [owner.id]);

    await purge(PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS);
    expect(await documents()).toEqual([fresher]);
    expect(await app.app.get(FileStorage).get(`identity-documents/${owner.id}/${stale}`)).toBeNull();
    expect(await app.app.get(FileStorage).get(cutShortKey)).toBeNull();
    expect(await ids(`SELECT id FROM identity_document_uploads WHERE id = $1`, [cutShort])).toEqual([]);

    await purgeTwoMinutesLater(PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS);
    expect(await documents()).toEqual([]);
  });

  it('deletes photos attached to nothing once the period is over, files too', async () => {
    const owner = await aSignedInUser(app);
    const period = RETENTION_RULES.UNATTACHED_PHOTOS.period.of(app.config);
    const [forgotten, justUploaded] = [await anUploadedPhoto(app, owner), await anUploadedPhoto(app, owner)];
    await app.dataSource.query(`UPDATE photos SET unattached_since = $2 WHERE id = $1`, [forgotten, justOutside(period)]);
    await app.dataSource.query(`UPDATE photos SET unattached_since = $2 WHERE id = $1`, [justUploaded, justInside(period)]);
    const photos = () => ids(`SELECT id FROM photos WHERE owner_id = $1`, [owner.id]);

    await purge(PURGE_UNATTACHED_PHOTOS);
    expect(await photos()).toEqual([justUploaded]);
    expect(await app.app.get(FileStorage).get(`photos/${forgotten}.jpg`)).toBeNull();
    expect(await app.app.get(FileStorage).get(`photos/${justUploaded}.jpg`)).not.toBeNull();

    await purgeTwoMinutesLater(PURGE_UNATTACHED_PHOTOS);
    expect(await photos()).toEqual([]);
  });

  it('deletes notifications read six months ago; unread ones and those read since stay', async () => {
    const [reader, other] = [await aSignedInUser(app), await aSignedInUser(app)];
    const period = RETENTION_RULES.READ_NOTIFICATIONS.period;
    const notify = async (user: SignedInUser, readAt: Date | null) =>
      (
        (await app.dataSource.query(
          `INSERT INTO notifications (user_id, kind, facts, created_at, read_at) VALUES ($1, 'IDENTITY_APPROVED', '{}', $2, $3) RETURNING id`,
          [user.id, justOutside({ years: 2 }), readAt],
        )) as { id: string }[]
      )[0].id;
    const readLongAgo = await notify(reader, justOutside(period));
    const readLater = await notify(reader, justInside(period));
    const unread = await notify(reader, null);
    const othersUnread = await notify(other, null);
    const notifications = () => ids(`SELECT id FROM notifications WHERE user_id = ANY($1)`, [[reader.id, other.id]]);

    await purge(PURGE_READ_NOTIFICATIONS);
    expect(await notifications()).toEqual([readLater, unread, othersUnread].sort());
    expect(await notifications()).not.toContain(readLongAgo);

    await purgeTwoMinutesLater(PURGE_READ_NOTIFICATIONS);
    expect(await notifications()).toEqual([unread, othersUnread].sort());
  });

  it('deletes outbox emails a year after they were sent (or written, when never sent); younger ones stay', async () => {
    const [sentLongAgo, sentLater, neverSent] = [await anUnverifiedUser(app), await anUnverifiedUser(app), await anUnverifiedUser(app)];
    await app.runJobs(); // their verification emails are sent: no job is left to send the one made "never sent" below
    const period = RETENTION_RULES.OUTBOX_EMAILS.period;
    await app.dataSource.query(`UPDATE email_outbox SET sent_at = $2, text_body = NULL, html_body = NULL WHERE user_id = $1`, [
      sentLongAgo.id,
      justOutside(period),
    ]);
    await app.dataSource.query(`UPDATE email_outbox SET sent_at = $2, text_body = NULL, html_body = NULL WHERE user_id = $1`, [
      sentLater.id,
      justInside(period),
    ]);
    await app.dataSource.query(`UPDATE email_outbox SET created_at = $2, sent_at = NULL WHERE user_id = $1`, [
      neverSent.id,
      justOutside(period),
    ]);
    const emailsOf = (user: SignedInUser) => ids(`SELECT id FROM email_outbox WHERE user_id = $1`, [user.id]);
    const laterEmails = await emailsOf(sentLater);
    expect(laterEmails.length).toBeGreaterThan(0);

    await purge(PURGE_OUTBOX_EMAILS);
    expect(await emailsOf(sentLongAgo)).toEqual([]);
    expect(await emailsOf(neverSent)).toEqual([]);
    expect(await emailsOf(sentLater)).toEqual(laterEmails);

    await purgeTwoMinutesLater(PURGE_OUTBOX_EMAILS);
    expect(await emailsOf(sentLater)).toEqual([]);
  });

  it('keeps what the law keeps, eleven years on: every purge leaves the invoices and a balanced ledger', async () => {
    const provider = await aMandatedProvider(app);
    const { missionId } = await aCompletedMission(app, provider);
    const kept = async () => ({
      invoices: await ids(`SELECT id FROM invoices WHERE mission_id = $1`, [missionId]),
      ledger: await ids(`SELECT id FROM ledger_entries WHERE mission_id = $1`, [missionId]),
      payments: await ids(`SELECT id FROM payments WHERE mission_id = $1`, [missionId]),
    });
    await app.runJobs({ dueNow: true }); // the fee invoice and the documents' rendering are issued now, not during the purges
    const before = await kept();
    expect(before.invoices.length).toBeGreaterThan(0);
    expect(before.ledger.length).toBeGreaterThan(0);

    jest.restoreAllMocks();
    holdClockAt(new Date(now.getTime() + 11 * 365 * 24 * 60 * MINUTE_MS));
    for (const job of [
      PURGE_EXPIRED_AUTH_RECORDS,
      PURGE_CONVERSATIONS_OF_ENDED_MISSIONS,
      PURGE_UNSUBMITTED_IDENTITY_DOCUMENTS,
      PURGE_UNATTACHED_PHOTOS,
      PURGE_READ_NOTIFICATIONS,
      PURGE_OUTBOX_EMAILS,
    ]) {
      await purge(job);
    }
    expect(await kept()).toEqual(before);
    expect(await ledgerProblems(app)).toEqual([]);
  });
});
