import { MigrationInterface, QueryRunner } from 'typeorm';

export class RefundsAndSplitSettlements1796400000000 implements MigrationInterface {
  name = 'RefundsAndSplitSettlements1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Enum values added in place (no rewrite); none is used in this transaction, so the checks compare text.
    await queryRunner.query(`ALTER TYPE "public"."ledger_account" ADD VALUE 'PLATFORM_LOSSES'`);
    await queryRunner.query(`ALTER TYPE "public"."payment_status" ADD VALUE 'PARTIALLY_REFUNDED'`);
    await queryRunner.query(`ALTER TYPE "public"."payout_status" ADD VALUE 'CANCELED'`);
    await queryRunner.query(`CREATE TYPE "public"."refund_cause" AS ENUM('CALLED_OFF', 'SPLIT_SETTLEMENT', 'MADE_AT_STRIPE')`);
    await queryRunner.query(
      `CREATE TABLE "refunds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "mission_id" uuid NOT NULL, "stripe_refund_id" text NOT NULL, "amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "cause" "public"."refund_cause" NOT NULL, "after_payout" boolean NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "refunds_amount" CHECK (amount_cents > 0), CONSTRAINT "PK_5106efb01eeda7e49a78b869738" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "refunds_payment_idx" ON "refunds" ("payment_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "refunds_stripe_refund_key" ON "refunds" ("stripe_refund_id") `);
    await queryRunner.query(
      `ALTER TABLE "refunds" ADD CONSTRAINT "FK_7f48aa5d56c42aeb495db016683" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "payments" ADD "settlement_refund_cents" integer`);
    await queryRunner.query(`ALTER TABLE "payments" ADD "refunded_cents" integer NOT NULL DEFAULT '0'`);
    // Every refund so far was ours, of the whole payment, before any payout.
    await queryRunner.query(
      `INSERT INTO "refunds" ("payment_id", "mission_id", "stripe_refund_id", "amount_cents", "currency", "cause", "after_payout", "created_at")
       SELECT "id", "mission_id", "stripe_refund_id", "amount_cents", "currency", 'CALLED_OFF', false, COALESCE("refunded_at", now())
       FROM "payments" WHERE "status" = 'REFUNDED' AND "stripe_refund_id" IS NOT NULL`,
    );
    await queryRunner.query(`UPDATE "payments" SET "refunded_cents" = "amount_cents" WHERE "status" = 'REFUNDED'`);
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "payments_refunded" CHECK (refunded_cents BETWEEN 0 AND amount_cents AND (settlement_refund_cents IS NULL OR settlement_refund_cents > 0))`,
    );
    await queryRunner.query(`ALTER TABLE "payouts" ADD "platform_fee_cents" integer`);
    await queryRunner.query(
      `UPDATE "payouts" SET "platform_fee_cents" = "payments"."platform_fee_cents" FROM "payments" WHERE "payments"."id" = "payouts"."payment_id"`,
    );
    await queryRunner.query(`ALTER TABLE "payouts" ALTER COLUMN "platform_fee_cents" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "payouts" ADD CONSTRAINT "payouts_fee" CHECK (platform_fee_cents >= 0)`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_transfer"`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_transfer" CHECK (status::text IN ('PENDING', 'FAILED', 'CANCELED') OR stripe_transfer_id IS NOT NULL)`,
    );
    await queryRunner.query(`ALTER TABLE "ledger_entries" ADD "reference" text NOT NULL DEFAULT ''`);
    await queryRunner.query(
      `UPDATE "ledger_entries" SET "reference" = "payments"."stripe_refund_id" FROM "payments"
       WHERE "payments"."id" = "ledger_entries"."payment_id" AND "ledger_entries"."movement" = 'REFUND' AND "payments"."stripe_refund_id" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_once_per_movement"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_once_per_movement" ON "ledger_entries" ("payment_id", "movement", "reference", "account") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Lossy: only our own refund of each payment is kept in the books; refunds made at Stripe and losses are forgotten.
    await queryRunner.query(
      `DELETE FROM "ledger_entries" USING "payments" WHERE "payments"."id" = "ledger_entries"."payment_id"
       AND "ledger_entries"."movement" = 'REFUND' AND "ledger_entries"."reference" IS DISTINCT FROM "payments"."stripe_refund_id"`,
    );
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_once_per_movement"`);
    await queryRunner.query(`ALTER TABLE "ledger_entries" DROP COLUMN "reference"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_once_per_movement" ON "ledger_entries" ("payment_id", "movement", "account") `,
    );
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_transfer"`);
    await queryRunner.query(`UPDATE "payouts" SET "status" = 'PENDING' WHERE "status" = 'CANCELED'`);
    await queryRunner.query(`UPDATE "payments" SET "status" = 'SUCCEEDED' WHERE "status" = 'PARTIALLY_REFUNDED'`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_fee"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP COLUMN "platform_fee_cents"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "payments_refunded"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "refunded_cents"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "settlement_refund_cents"`);
    await queryRunner.query(`DROP TABLE "refunds"`);
    await queryRunner.query(`DROP TYPE "public"."refund_cause"`);
    // The CHECKs and the failed-payouts index compare the column with the type being replaced: set aside meanwhile.
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "payouts_failed_attempted"`);
    await queryRunner.query(`DROP INDEX "public"."payouts_failed_idx"`);
    await queryRunner.query(
      `CREATE TYPE "public"."payout_status_old" AS ENUM('PENDING', 'TRANSFERRED', 'PAID_OUT', 'FAILED', 'BANK_PAYOUT_FAILED')`,
    );
    await queryRunner.query(`ALTER TABLE "payouts" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ALTER COLUMN "status" TYPE "public"."payout_status_old" USING "status"::"text"::"public"."payout_status_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."payout_status"`);
    await queryRunner.query(`ALTER TYPE "public"."payout_status_old" RENAME TO "payout_status"`);
    await queryRunner.query(`ALTER TABLE "payouts" ALTER COLUMN "status" SET DEFAULT 'PENDING'`);
    await queryRunner.query(`CREATE INDEX "payouts_failed_idx" ON "payouts" ("last_attempt_at", "id") WHERE status = 'FAILED'`);
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_failed_attempted" CHECK (status <> 'FAILED' OR last_attempt_at IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "payouts_transfer" CHECK (status IN ('PENDING', 'FAILED') OR stripe_transfer_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."payment_status_old" AS ENUM('REQUIRES_PAYMENT', 'SUCCEEDED', 'REFUNDED', 'FAILED', 'CANCELED')`,
    );
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "status" DROP DEFAULT`);
    await queryRunner.query(
      `ALTER TABLE "payments" ALTER COLUMN "status" TYPE "public"."payment_status_old" USING "status"::"text"::"public"."payment_status_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."payment_status"`);
    await queryRunner.query(`ALTER TYPE "public"."payment_status_old" RENAME TO "payment_status"`);
    await queryRunner.query(`ALTER TABLE "payments" ALTER COLUMN "status" SET DEFAULT 'REQUIRES_PAYMENT'`);
    await queryRunner.query(`CREATE TYPE "public"."ledger_account_old" AS ENUM('STRIPE_BALANCE', 'CLIENT_FUNDS_HELD', 'PLATFORM_FEES')`);
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ALTER COLUMN "account" TYPE "public"."ledger_account_old" USING "account"::"text"::"public"."ledger_account_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."ledger_account"`);
    await queryRunner.query(`ALTER TYPE "public"."ledger_account_old" RENAME TO "ledger_account"`);
  }
}
