import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface JobCounts {
  job: string;
  /** Not given up yet: due, scheduled later or waiting for a retry. */
  waiting: number;
  /** Due now and not taken by a worker. */
  due: number;
  /** Failed at least once, with attempts left. */
  retrying: number;
  /** Every attempt failed: the job stays in the queue with its last error until someone looks. */
  failed: number;
  /** How long the oldest due job has waited. */
  oldestDueSeconds: number;
}

export interface OperationalCountsSnapshot {
  jobs: JobCounts[];
  payouts: { pending: number; failed: number };
}

/**
 * The queue's jobs by task (graphile-worker deletes a job once it succeeded: what is left is the
 * queue) and the payouts waiting or failed, in one statement: read at scrape time, never kept up
 * to date on the request path. The payout counts use the partial indexes on PENDING and FAILED.
 */
const COUNTS_SQL = `
SELECT 'job' AS kind, task_identifier AS name,
       count(*) FILTER (WHERE attempts < max_attempts)::int AS waiting,
       count(*) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL)::int AS due,
       count(*) FILTER (WHERE attempts > 0 AND attempts < max_attempts)::int AS retrying,
       count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed,
       COALESCE(EXTRACT(EPOCH FROM now() - min(run_at) FILTER (WHERE attempts < max_attempts AND run_at <= now() AND locked_at IS NULL)), 0)::float8 AS oldest_due_seconds
  FROM graphile_worker.jobs GROUP BY task_identifier
UNION ALL
SELECT 'payout', 'PENDING', count(*)::int, 0, 0, 0, 0 FROM payouts WHERE status = 'PENDING'
UNION ALL
SELECT 'payout', 'FAILED', count(*)::int, 0, 0, 0, 0 FROM payouts WHERE status = 'FAILED'`;

interface CountsRow {
  kind: 'job' | 'payout';
  name: string;
  waiting: number;
  due: number;
  retrying: number;
  failed: number;
  oldest_due_seconds: number;
}

@Injectable()
export class OperationalCounts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(): Promise<OperationalCountsSnapshot> {
    const rows = (await this.dataSource.query(COUNTS_SQL)) as CountsRow[];
    const payout = (status: string) => rows.find((row) => row.kind === 'payout' && row.name === status)?.waiting ?? 0;
    return {
      jobs: rows
        .filter((row) => row.kind === 'job')
        .map((row) => ({
          job: row.name,
          waiting: row.waiting,
          due: row.due,
          retrying: row.retrying,
          failed: row.failed,
          oldestDueSeconds: Math.round(row.oldest_due_seconds),
        })),
      payouts: { pending: payout('PENDING'), failed: payout('FAILED') },
    };
  }
}
