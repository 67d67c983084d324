import { MigrationInterface, QueryRunner } from 'typeorm';

export class BankPayoutFailures1796119607941 implements MigrationInterface {
  name = 'BankPayoutFailures1796119607941';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" ADD "bank_payout_id" text`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD "bank_failure_reason" text`);
    await queryRunner.query(`ALTER TYPE "public"."payout_status" ADD VALUE 'BANK_PAYOUT_FAILED'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Before this migration a payout the bank returned stayed as Stripe first reported it: paid out.
    await queryRunner.query(`UPDATE "payouts" SET "status" = 'PAID_OUT' WHERE "status" = 'BANK_PAYOUT_FAILED'`);
    // The CHECKs and the failed-payouts index compare the column with the type being replaced: set aside meanwhile.
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_transfer"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_failed_attempted"`);
    await queryRunner.query(`DROP INDEX "public"."payouts_failed_idx"`);
    await queryRunner.query(`CREATE TYPE "public"."payout_status_old" AS ENUM('PENDING', 'TRANSFERRED', 'PAID_OUT', 'FAILED')`);
    await queryRunner.query(`ALTER TABLE "payouts" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ALTER COLUMN "status" TYPE "public"."payout_status_old" USING "status"::"text"::"public"."payout_status_old"`,
    );
    await queryRunner.query(`ALTER TABLE "payouts" ALTER COLUMN "status" SET DEFAULT 'PENDING'`);
    await queryRunner.query(`DROP TYPE "public"."payout_status"`);
    await queryRunner.query(`ALTER TYPE "public"."payout_status_old" RENAME TO "payout_status"`);
    await queryRunner.query(`CREATE INDEX "payouts_failed_idx" ON "payouts" ("last_attempt_at", "id") WHERE status = 'FAILED'`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_failed_attempted" CHECK (status <> 'FAILED' OR last_attempt_at IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_transfer" CHECK (status IN ('PENDING', 'FAILED') OR stripe_transfer_id IS NOT NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "bank_failure_reason"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "bank_payout_id"`);
  }
}
