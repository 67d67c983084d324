import { MigrationInterface, QueryRunner } from 'typeorm';

/** The metrics count the payouts waiting for their transfer at every scrape: a partial index keeps that to the few PENDING rows. */
export class PayoutsPendingIndex1798700000000 implements MigrationInterface {
  name = 'PayoutsPendingIndex1798700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "payouts_pending_idx" ON "payouts" ("id") WHERE status = 'PENDING'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."payouts_pending_idx"`);
  }
}
