import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const DATABASE_CHECK_TIMEOUT_MS = 2000;

/** What the health routes ask of the database: can it be reached, and has every migration this build knows been applied? */
@Injectable()
export class DatabaseStatus {
  /** Once every migration was seen applied it stays so for this process: later checks cost nothing. */
  private migrationsApplied = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when `SELECT 1` answers within two seconds. */
  async reachable(): Promise<boolean> {
    return (await withTimeout(this.dataSource.query('SELECT 1'), DATABASE_CHECK_TIMEOUT_MS)) !== undefined;
  }

  /**
   * The names of the migrations compiled into this build and not yet recorded in the migrations
   * table (a release whose `npm run cli -- migrate` has not run yet); undefined when it cannot be read.
   */
  async pendingMigrations(): Promise<string[] | undefined> {
    if (this.migrationsApplied) return [];
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const rows = await withTimeout(
      this.dataSource.query(`SELECT name FROM "${table}"`) as Promise<{ name: string }[]>,
      DATABASE_CHECK_TIMEOUT_MS,
    );
    if (!rows) return undefined;
    const applied = new Set(rows.map(({ name }) => name));
    const pending = this.dataSource.migrations
      .map((migration) => migration.name ?? migration.constructor.name)
      .filter((name) => !applied.has(name));
    this.migrationsApplied = pending.length === 0;
    return pending;
  }
}

/** The query's answer, or undefined if it failed or took longer than `ms`. */
async function withTimeout<T>(query: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([query.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
