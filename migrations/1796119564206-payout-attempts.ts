import { MigrationInterface, QueryRunner } from 'typeorm';

export class PayoutAttempts1796119564206 implements MigrationInterface {
  name = 'PayoutAttempts1796119564206';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" ADD "attempts" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Written by hand: payouts that failed before attempts were counted, failed when last updated.
    await queryRunner.query(`UPDATE "payouts" SET "last_attempt_at" = "updated_at" WHERE status = 'FAILED' OR failure_reason IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "payouts_failed_idx" ON "payouts"  ("last_attempt_at", "id") WHERE status = 'FAILED'`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_failed_attempted" CHECK (status <> 'FAILED' OR last_attempt_at IS NOT NULL)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_failed_attempted"`);
    await queryRunner.query(`DROP INDEX "public"."payouts_failed_idx"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "last_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "attempts"`);
  }
}
