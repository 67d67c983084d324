import { Clock } from '@marketplace/common';
import { deleteBatch } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** At most `max` attempts per fixed window of `windowSeconds`, started by the first attempt. */
export interface RateLimitBucket {
  key: string;
  max: number;
  windowSeconds: number;
}

/** An attempt that was counted: each key with the window it was counted in, so that it can be given back. */
export interface CountedAttempt {
  counted: { key: string; windowEndsAt: Date }[];
}

export type TakeOutcome = { allowed: true; attempt: CountedAttempt } | { allowed: false; retryAfterSeconds: number };

interface CounterRow {
  key: string;
  hits: number;
  window_ends_at: Date;
}

/**
 * Counts attempts in PostgreSQL, so that limits hold across API instances and restarts. An attempt
 * is taken in every bucket at once by one upsert, before the work it guards: concurrent attempts
 * line up on the rows' locks, and no more than `max` of them can see a count within the limit. The
 * injected clock decides the windows. The table is UNLOGGED (no WAL flush per attempt): a clean
 * restart keeps it, a database crash empties it, and every window starts again.
 */
@Injectable()
export class RateLimiter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async take(buckets: RateLimitBucket[]): Promise<TakeOutcome> {
    const now = this.clock.now();
    // One order for every statement, so that two attempts sharing two keys cannot deadlock.
    const sorted = [...buckets].sort((a, b) => (a.key < b.key ? -1 : 1));
    const rows = (await this.dataSource.query(
      `INSERT INTO rate_limit_counters AS c (key, hits, window_ends_at)
       SELECT key, 1, window_ends_at FROM unnest($2::text[], $3::timestamptz[]) AS t(key, window_ends_at)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.window_ends_at <= $1 THEN 1 ELSE c.hits + 1 END,
         window_ends_at = CASE WHEN c.window_ends_at <= $1 THEN excluded.window_ends_at ELSE c.window_ends_at END
       RETURNING key, hits, window_ends_at`,
      [now, sorted.map((bucket) => bucket.key), sorted.map((bucket) => new Date(now.getTime() + bucket.windowSeconds * 1000))],
    )) as CounterRow[];
    const attempt: CountedAttempt = { counted: rows.map((row) => ({ key: row.key, windowEndsAt: row.window_ends_at })) };
    const exceeded = rows.filter((row) => row.hits > sorted.find((bucket) => bucket.key === row.key)!.max);
    if (exceeded.length === 0) return { allowed: true, attempt };

    // A refused attempt costs nothing: the keys it did not exceed (say, the IP of a blocked email) keep their budget.
    await this.giveBack(attempt);
    const reopensAt = Math.max(...exceeded.map((row) => row.window_ends_at.getTime()));
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)) };
  }

  /**
   * The attempt no longer counts (in the windows it was counted in; a later window is left alone).
   * Keys in `forgive` lose every attempt of their window.
   */
  async giveBack(attempt: CountedAttempt, forgive: string[] = []): Promise<void> {
    await this.dataSource.query(
      `UPDATE rate_limit_counters AS c
          SET hits = CASE WHEN c.key = ANY($3::text[]) THEN 0 ELSE greatest(c.hits - 1, 0) END
         FROM unnest($1::text[], $2::timestamptz[]) AS t(key, window_ends_at)
        WHERE c.key = t.key AND c.window_ends_at = t.window_ends_at`,
      [attempt.counted.map((counted) => counted.key), attempt.counted.map((counted) => counted.windowEndsAt), forgive],
    );
  }

  /** Deletes up to `limit` counters whose window closed by `closedBy` (one batch of the retention purge): they count for nothing. */
  purgeClosedBy(closedBy: Date, limit: number): Promise<number> {
    const closed = { table: 'rate_limit_counters', key: 'key', condition: 'window_ends_at <= $1', parameters: [closedBy] };
    return deleteBatch(this.dataSource.manager, closed, limit);
  }
}
