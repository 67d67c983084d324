import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client, Notification } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { mapEvents } from './event-streams';
import { SubscriptionQueue } from './subscription-queue';

export type RealtimePayload = Record<string, string | number | boolean | null>;

/** The one channel every instance LISTENs to; the topic travels in the payload and is fanned out in process. */
export const REALTIME_CHANNEL = 'marketplace_realtime';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7999;
const TOPIC = /^[a-z_]+:[A-Za-z0-9_-]{1,64}$/;
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];

export interface RealtimeNotice {
  topic: string;
  payload: RealtimePayload;
}

/**
 * Events between API instances over PostgreSQL LISTEN/NOTIFY. `publish` is a `pg_notify` in the
 * caller's transaction: PostgreSQL delivers it to every listening connection when, and only if,
 * that transaction commits. Each instance holds one dedicated LISTEN connection (outside the pool)
 * and hands each notice to the local subscriptions of its topic; a topic nobody here listens to
 * costs a Map lookup. Delivery is at most once: while the LISTEN connection is down (it reconnects
 * with backoff), notices published meanwhile are lost for this instance's subscribers, which is
 * why clients re-query when they (re)subscribe.
 */
@Injectable()
export class RealtimeEvents implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeEvents.name);
  private readonly subscriptions = new Map<string, Set<SubscriptionQueue<RealtimePayload>>>();
  private readonly sharedReads = new WeakMap<RealtimePayload, Map<string, Promise<unknown>>>();
  private client: Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private stopped = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction (pg_notify): subscribers on every instance hear it when, and only if, it commits. */
  publish(manager: EntityManager, topic: string, payload: RealtimePayload): Promise<void> {
    return this.publishAll(manager, [{ topic, payload }]);
  }

  /** Several notices in one statement, as `publish` (nothing for none). */
  async publishAll(manager: EntityManager, notices: readonly RealtimeNotice[]): Promise<void> {
    if (notices.length === 0) return;
    await manager.query('SELECT pg_notify($1, notice) FROM unnest($2::text[]) AS notice', [REALTIME_CHANNEL, noticeTexts(notices)]);
  }

  /**
   * The caller's writes and `publishAll` in one statement, for the busiest path (a message): each
   * of `writes` is a data-modifying statement run as a WITH item (`write_0`, `write_1`…, each may
   * select from the ones before), with its parameters numbered from $1 in `parameters`. The first
   * must return a row for each thing it wrote (RETURNING): the notices go out only when it wrote
   * something, and the answer says whether it did. Atomic on its own: it needs no transaction.
   */
  async publishAlong(
    manager: EntityManager,
    writes: readonly string[],
    parameters: readonly unknown[],
    notices: readonly RealtimeNotice[],
  ): Promise<boolean> {
    const items = writes.map((write, i) => `write_${i} AS (${write})`).join(', ');
    const channel = parameters.length + 1;
    const [{ written }] = (await manager.query(
      `WITH ${items} SELECT EXISTS (SELECT FROM write_0) AS written,
         (SELECT count(pg_notify($${channel}, notice)) FROM unnest($${channel + 1}::text[]) AS notice WHERE EXISTS (SELECT FROM write_0)) AS published`,
      [...parameters, REALTIME_CHANNEL, noticeTexts(notices)],
    )) as { written: boolean }[];
    return written;
  }

  /** What a @Subscription resolver returns: the payloads published on `topic` from now on; ends when the client unsubscribes. */
  listen<T extends RealtimePayload>(topic: string): AsyncIterableIterator<T> {
    assertTopic(topic);
    let listeners = this.subscriptions.get(topic);
    if (!listeners) this.subscriptions.set(topic, (listeners = new Set()));
    const queue: SubscriptionQueue<RealtimePayload> = new SubscriptionQueue(() => this.forget(topic, queue));
    listeners.add(queue);
    return queue as unknown as AsyncIterableIterator<T>;
  }

  /**
   * What most subscriptions return: `load(event)` after each event on `topic`, i.e. the thing as
   * the viewer may see it now. `load()` (no event) runs once first, as the access check: its error
   * (NOT_FOUND…) refuses the subscription, and later on ends it. It listens before that check, so
   * that nothing committed in between is missed.
   */
  async follow<T>(topic: string, load: (event?: RealtimePayload) => Promise<T>): Promise<AsyncIterableIterator<T>> {
    const events = this.listen(topic);
    try {
      await load();
    } catch (error) {
      await events.return?.();
      throw error;
    }
    return mapEvents(events, load);
  }

  /**
   * `read()` once per event on this instance, however many subscribers load it: the first one's
   * promise is shared with the others (every subscription of a topic receives the same event
   * object). For the rows that are the same for every viewer; each applies its own visibility.
   */
  oncePerEvent<T>(event: RealtimePayload, name: string, read: () => Promise<T>): Promise<T> {
    let reads = this.sharedReads.get(event);
    if (!reads) this.sharedReads.set(event, (reads = new Map()));
    let shared = reads.get(name) as Promise<T> | undefined;
    if (!shared) reads.set(name, (shared = read()));
    return shared;
  }

  /** How many subscriptions on this instance listen to `topic` (tests wait for theirs to be in place). */
  listenerCount(topic: string): number {
    return this.subscriptions.get(topic)?.size ?? 0;
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'marketplace-realtime' });
    client.on('notification', (notification) => this.deliver(notification));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.client = client;
    await client.connect();
    await client.query(`LISTEN ${REALTIME_CHANNEL}`);
    this.failures = 0;
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.logger.warn({
      msg: 'Realtime LISTEN connection lost: events published until it is back are not delivered here',
      error: error?.message,
    });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const delay = RECONNECT_DELAYS_MS[Math.min(this.failures, RECONNECT_DELAYS_MS.length - 1)];
    this.failures++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().then(
        () => this.logger.log('Realtime LISTEN connection back'),
        (error: Error) => {
          const client = this.client;
          if (client) this.lost(client, error);
          else if (!this.stopped) this.scheduleReconnect();
        },
      );
    }, delay);
  }

  private deliver(notification: Notification): void {
    if (notification.channel !== REALTIME_CHANNEL || !notification.payload) return;
    let notice: RealtimeNotice;
    try {
      notice = JSON.parse(notification.payload) as RealtimeNotice;
    } catch {
      // Only publish() writes to the channel; anything else (a NOTIFY typed by hand) must not crash the API.
      this.logger.warn({ msg: 'Ignored a realtime notice that is not JSON' });
      return;
    }
    const { topic, payload } = notice;
    const listeners = this.subscriptions.get(topic);
    if (!listeners) return;
    for (const queue of listeners) queue.push(payload);
  }

  private forget(topic: string, queue: SubscriptionQueue<RealtimePayload>): void {
    const listeners = this.subscriptions.get(topic);
    listeners?.delete(queue);
    if (listeners?.size === 0) this.subscriptions.delete(topic);
  }
}

function noticeTexts(notices: readonly RealtimeNotice[]): string[] {
  return notices.map(({ topic, payload }) => {
    assertTopic(topic);
    const text = noticeText({ topic, payload });
    if (Buffer.byteLength(text) > MAX_NOTIFY_BYTES) throw new Error(`A realtime payload on ${topic} is over 8000 bytes: send ids only.`);
    return text;
  });
}

/** Whether a notice fits in a NOTIFY, for publishers who send what changed when it fits and its id when it does not. */
export function fitsInNotice(notice: RealtimeNotice): boolean {
  return Buffer.byteLength(noticeText(notice)) <= MAX_NOTIFY_BYTES;
}

function noticeText({ topic, payload }: RealtimeNotice): string {
  return JSON.stringify({ topic, payload } satisfies RealtimeNotice);
}

function assertTopic(topic: string): void {
  if (!TOPIC.test(topic)) throw new Error(`Not a realtime topic: ${topic}`);
}

/** The topics of issue #17's subscriptions: each event names what changed, by id. */
export const RealtimeTopic = {
  mission: (missionId: string) => `mission:${missionId}`,
  bid: (bidId: string) => `bid:${bidId}`,
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  notifications: (userId: string) => `notifications:${userId}`,
};
