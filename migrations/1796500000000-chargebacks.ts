import { MigrationInterface, QueryRunner } from 'typeorm';

export class Chargebacks1796500000000 implements MigrationInterface {
  name = 'Chargebacks1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."chargeback_status" AS ENUM('OPEN', 'WON', 'LOST')`);
    await queryRunner.query(
      `CREATE TABLE "chargebacks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "stripe_dispute_id" text NOT NULL, "payment_id" uuid NOT NULL, "mission_id" uuid NOT NULL, "stripe_charge_id" text NOT NULL, "amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "reason" text NOT NULL, "status" "public"."chargeback_status" NOT NULL DEFAULT 'OPEN', "opened_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "closed_at" TIMESTAMP WITH TIME ZONE, "funds_withdrawn_at" TIMESTAMP WITH TIME ZONE, "funds_reinstated_at" TIMESTAMP WITH TIME ZONE, "after_payout" boolean, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chargebacks_lost" CHECK (status <> 'LOST' OR funds_withdrawn_at IS NOT NULL), CONSTRAINT "chargebacks_reinstated" CHECK (funds_reinstated_at IS NULL OR (status = 'WON' AND funds_withdrawn_at IS NOT NULL)), CONSTRAINT "chargebacks_withdrawn" CHECK ((funds_withdrawn_at IS NULL) = (after_payout IS NULL)), CONSTRAINT "chargebacks_closed" CHECK ((status = 'OPEN') = (closed_at IS NULL)), CONSTRAINT "chargebacks_amount" CHECK (amount_cents > 0), CONSTRAINT "PK_64643c031958b172f11fa1bc9e4" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "chargebacks_status_idx" ON "chargebacks"  ("status", "opened_at", "id") `);
    await queryRunner.query(`CREATE INDEX "chargebacks_payment_idx" ON "chargebacks"  ("payment_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "chargebacks_stripe_dispute_key" ON "chargebacks"  ("stripe_dispute_id") `);
    await queryRunner.query(`ALTER TABLE "payments" ADD "charged_back_cents" integer NOT NULL DEFAULT '0'`);
    // Added in place: swapping the type would rewrite every ledger entry and rebuild its indexes.
    await queryRunner.query(`ALTER TYPE "public"."ledger_movement" ADD VALUE 'CHARGEBACK'`);
    await queryRunner.query(`ALTER TYPE "public"."ledger_movement" ADD VALUE 'CHARGEBACK_REVERSED'`);
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "payments_charged_back" CHECK (charged_back_cents BETWEEN 0 AND amount_cents)`,
    );
    await queryRunner.query(
      `ALTER TABLE "chargebacks" ADD CONSTRAINT "FK_21c50c5a6c22e11bfadfa8149db" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "chargebacks" DROP CONSTRAINT "FK_21c50c5a6c22e11bfadfa8149db"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "payments_charged_back"`);
    // The books of chargebacks go with them; PostgreSQL cannot drop an enum value, so the type is swapped.
    await queryRunner.query(`DELETE FROM "ledger_entries" WHERE "movement" IN ('CHARGEBACK', 'CHARGEBACK_REVERSED')`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_once_per_movement"`);
    await queryRunner.query(`CREATE TYPE "public"."ledger_movement_old" AS ENUM('CHARGE', 'PAYOUT', 'REFUND')`);
    await queryRunner.query(
      `ALTER TABLE "ledger_entries" ALTER COLUMN "movement" TYPE "public"."ledger_movement_old" USING "movement"::"text"::"public"."ledger_movement_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."ledger_movement"`);
    await queryRunner.query(`ALTER TYPE "public"."ledger_movement_old" RENAME TO "ledger_movement"`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_once_per_movement" ON "ledger_entries" ("payment_id", "movement", "reference", "account") `,
    );
    await queryRunner.query(`ALTER TABLE "payments" DROP COLUMN "charged_back_cents"`);
    await queryRunner.query(`DROP INDEX "public"."chargebacks_stripe_dispute_key"`);
    await queryRunner.query(`DROP INDEX "public"."chargebacks_payment_idx"`);
    await queryRunner.query(`DROP INDEX "public"."chargebacks_status_idx"`);
    await queryRunner.query(`DROP TABLE "chargebacks"`);
    await queryRunner.query(`DROP TYPE "public"."chargeback_status"`);
  }
}
