import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePaymentsPayoutsAndLedger1795409598430 implements MigrationInterface {
  name = 'CreatePaymentsPayoutsAndLedger1795409598430';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."ledger_movement" AS ENUM('CHARGE', 'PAYOUT', 'REFUND')`);
    await queryRunner.query(`CREATE TYPE "public"."ledger_account" AS ENUM('STRIPE_BALANCE', 'CLIENT_FUNDS_HELD', 'PLATFORM_FEES')`);
    await queryRunner.query(
      `CREATE TABLE "ledger_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "payment_id" uuid NOT NULL, "movement" "public"."ledger_movement" NOT NULL, "account" "public"."ledger_account" NOT NULL, "amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6efcb84411d3f08b08450ae75d5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ledger_entries_mission_idx" ON "ledger_entries"  ("mission_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ledger_entries_once_per_movement" ON "ledger_entries"  ("payment_id", "movement", "account") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."payment_status" AS ENUM('REQUIRES_PAYMENT', 'SUCCEEDED', 'REFUNDED', 'FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "bid_id" uuid NOT NULL, "client_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "platform_fee_cents" integer NOT NULL, "provider_amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "status" "public"."payment_status" NOT NULL DEFAULT 'REQUIRES_PAYMENT', "stripe_payment_intent_id" text NOT NULL, "client_secret" text NOT NULL, "stripe_charge_id" text, "stripe_refund_id" text, "refund_requested_at" TIMESTAMP WITH TIME ZONE, "succeeded_at" TIMESTAMP WITH TIME ZONE, "refunded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "payments_amounts" CHECK (amount_cents > 0 AND platform_fee_cents >= 0 AND provider_amount_cents = amount_cents - platform_fee_cents), CONSTRAINT "PK_197ab7af18c93fbb0c9b28b4a59" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "payments_payment_intent_key" ON "payments"  ("stripe_payment_intent_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "payments_mission_key" ON "payments"  ("mission_id") `);
    await queryRunner.query(`CREATE TYPE "public"."payout_status" AS ENUM('PENDING', 'TRANSFERRED', 'PAID_OUT', 'FAILED')`);
    await queryRunner.query(
      `CREATE TABLE "payouts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "payment_id" uuid NOT NULL, "mission_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "amount_cents" integer NOT NULL, "currency" character(3) NOT NULL DEFAULT 'EUR', "status" "public"."payout_status" NOT NULL DEFAULT 'PENDING', "stripe_transfer_id" text, "destination_account_id" text, "failure_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "transferred_at" TIMESTAMP WITH TIME ZONE, "paid_out_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "payouts_transfer" CHECK (status IN ('PENDING', 'FAILED') OR stripe_transfer_id IS NOT NULL), CONSTRAINT "payouts_amount" CHECK (amount_cents >= 0), CONSTRAINT "PK_76855dc4f0a6c18c72eea302e87" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "payouts_provider_idx" ON "payouts"  ("provider_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "payouts_payment_key" ON "payouts"  ("payment_id") `);
    await queryRunner.query(
      `CREATE TABLE "stripe_events" ("id" text NOT NULL, "type" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d3247bd5fc3f66b6982bbcdd897" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`ALTER TABLE "missions" ADD "delivered_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "completed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "disputed_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "dispute_reason" text`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "dispute_resolution" text`);
    await queryRunner.query(`ALTER TABLE "missions" ADD "dispute_resolution_note" text`);
    await queryRunner.query(`ALTER TABLE "provider_profiles" ADD "stripe_account_id" text`);
    await queryRunner.query(`ALTER TABLE "provider_profiles" ADD "payout_status_as_of" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "provider_profiles_stripe_account_key" ON "provider_profiles"  ("stripe_account_id") WHERE stripe_account_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_8830cf2a34bb64ad08aaf053e9b" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_bce3f30c3460065a6aeca163258" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payments" ADD CONSTRAINT "FK_e92b64ae70df3f2453392dc44fd" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "FK_703d8e3c787a6f606fadadfc0b4" FOREIGN KEY ("payment_id") REFERENCES "payments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "payouts" ADD CONSTRAINT "FK_2a5a17ac78a7320401f5c0d1a6c" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "FK_2a5a17ac78a7320401f5c0d1a6c"`);
    await queryRunner.query(`ALTER TABLE "payouts" DROP CONSTRAINT "FK_703d8e3c787a6f606fadadfc0b4"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_e92b64ae70df3f2453392dc44fd"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_bce3f30c3460065a6aeca163258"`);
    await queryRunner.query(`ALTER TABLE "payments" DROP CONSTRAINT "FK_8830cf2a34bb64ad08aaf053e9b"`);
    await queryRunner.query(`DROP INDEX "public"."provider_profiles_stripe_account_key"`);
    await queryRunner.query(`ALTER TABLE "provider_profiles" DROP COLUMN "payout_status_as_of"`);
    await queryRunner.query(`ALTER TABLE "provider_profiles" DROP COLUMN "stripe_account_id"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "dispute_resolution_note"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "dispute_resolution"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "dispute_reason"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "disputed_at"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "completed_at"`);
    await queryRunner.query(`ALTER TABLE "missions" DROP COLUMN "delivered_at"`);
    await queryRunner.query(`DROP TABLE "stripe_events"`);
    await queryRunner.query(`DROP INDEX "public"."payouts_payment_key"`);
    await queryRunner.query(`DROP INDEX "public"."payouts_provider_idx"`);
    await queryRunner.query(`DROP TABLE "payouts"`);
    await queryRunner.query(`DROP TYPE "public"."payout_status"`);
    await queryRunner.query(`DROP INDEX "public"."payments_mission_key"`);
    await queryRunner.query(`DROP INDEX "public"."payments_payment_intent_key"`);
    await queryRunner.query(`DROP TABLE "payments"`);
    await queryRunner.query(`DROP TYPE "public"."payment_status"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_once_per_movement"`);
    await queryRunner.query(`DROP INDEX "public"."ledger_entries_mission_idx"`);
    await queryRunner.query(`DROP TABLE "ledger_entries"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_account"`);
    await queryRunner.query(`DROP TYPE "public"."ledger_movement"`);
  }
}
