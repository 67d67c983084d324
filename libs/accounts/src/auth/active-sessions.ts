import { AppConfig, InjectConfig } from '@marketplace/config';
import { Clock, Role } from '@marketplace/common';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';

/** What an access token's sign-in stands for as of a few seconds ago. */
export interface SessionStanding {
  userId: string;
  roles: Role[];
  suspended: boolean;
  /** Signed out, revoked by reuse detection or by a suspension: its access tokens are refused. */
  revoked: boolean;
}

interface Entry {
  standing: SessionStanding;
  readAt: number;
}

/** What a transaction changed, forgotten once it commits (a rollback changed nothing). */
interface Changed {
  sessionIds: Set<string>;
  userIds: Set<string>;
}

const CHANGED = Symbol('changed sessions');
/** Beyond this, the oldest entries go first: memory stays bounded whatever the traffic. */
const MAX_ENTRIES = 50_000;

/**
 * The standing of each sign-in (session = refresh token family) that access tokens name in
 * `sid`, read in one statement with the user and kept SESSION_CACHE_TTL_SECONDS, so that an
 * authenticated request costs no SQL on a hit. This is a cache over the database, not a list of
 * revocations: a change committed by this instance is forgotten here at once (after commit, see
 * `afterTransactionCommit`); other instances see it when their entry expires.
 */
@Injectable()
export class ActiveSessions implements EntitySubscriberInterface {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every change: a read that began before one may hold the old state and is not kept. */
  private generation = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    dataSource.subscribers.push(this);
  }

  /** The standing of a user's sign-in, or null when the user no longer exists. */
  async find(sessionId: string, userId: string): Promise<SessionStanding | null> {
    const now = this.clock.now().getTime();
    const ttlMs = this.config.auth.sessionCacheTtlSeconds * 1000;
    const cached = this.entries.get(sessionId);
    // A clock set back (tests move it) must not stretch an entry's life either.
    const fresh = cached && now >= cached.readAt && now - cached.readAt < ttlMs;
    if (fresh && cached.standing.userId === userId) return cached.standing;
    const generation = this.generation;
    const standing = await this.read(sessionId, userId);
    if (standing && ttlMs > 0 && generation === this.generation) this.keep(sessionId, { standing, readAt: now });
    return standing;
  }

  /** Forgets what is known of these sessions or users once the caller's transaction commits (at once outside one). */
  forgetOnCommit(manager: EntityManager, changed: { sessionId?: string; userId?: string }): void {
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) return this.forget(changed);
    const data = dataOf(queryRunner);
    const pending = (data[CHANGED] ??= { sessionIds: new Set(), userIds: new Set() });
    if (changed.sessionId) pending.sessionIds.add(changed.sessionId);
    if (changed.userId) pending.userIds.add(changed.userId);
  }

  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    const data = dataOf(queryRunner);
    const pending = data[CHANGED];
    if (!pending) return;
    data[CHANGED] = undefined;
    pending.sessionIds.forEach((sessionId) => this.forget({ sessionId }));
    pending.userIds.forEach((userId) => this.forget({ userId }));
  }

  private forget({ sessionId, userId }: { sessionId?: string; userId?: string }): void {
    this.generation++;
    if (sessionId) this.entries.delete(sessionId);
    if (userId) {
      for (const [key, entry] of this.entries) if (entry.standing.userId === userId) this.entries.delete(key);
    }
  }

  private keep(sessionId: string, entry: Entry): void {
    this.entries.delete(sessionId);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(sessionId, entry);
  }

  private async read(sessionId: string, userId: string): Promise<SessionStanding | null> {
    const [row] = (await this.dataSource.query(
      `SELECT u.roles::text[] AS roles, u.suspended_at IS NOT NULL AS suspended,
         NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id AND t.revoked_at IS NULL) AS revoked
       FROM users u WHERE u.id = $1`,
      [userId, sessionId],
    )) as { roles: Role[]; suspended: boolean; revoked: boolean }[];
    return row ? { userId, ...row } : null;
  }
}

/** TypeORM's place for what a transaction shares with subscribers. */
function dataOf(queryRunner: QueryRunner): { [CHANGED]?: Changed } {
  return queryRunner.data as { [CHANGED]?: Changed };
}
