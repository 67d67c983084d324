import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters skip the write-ahead log: every limited call (a message, a bid, a login)
 * writes one, and waiting for its WAL flush doubled the commits a message waits for. After a crash
 * (or on a standby promoted), PostgreSQL empties the table: every window starts again, which lets
 * through at most one window's worth of extra attempts per key.
 */
export class UnloggedRateLimitCounters1797600000000 implements MigrationInterface {
  name = 'UnloggedRateLimitCounters1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limit_counters" SET UNLOGGED`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rate_limit_counters" SET LOGGED`);
  }
}
