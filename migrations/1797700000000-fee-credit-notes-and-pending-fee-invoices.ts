import { MigrationInterface, QueryRunner } from 'typeorm';

export class FeeCreditNotesAndPendingFeeInvoices1797700000000 implements MigrationInterface {
  name = 'FeeCreditNotesAndPendingFeeInvoices1797700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Added in place; not used in this transaction, so the check compares text.
    await queryRunner.query(`ALTER TYPE "public"."invoice_kind" ADD VALUE 'FEE_CREDIT_NOTE'`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_credit_note_corrects"`);
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_note_corrects" CHECK (kind::text NOT IN ('CREDIT_NOTE', 'FEE_CREDIT_NOTE') OR corrects_invoice_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE TABLE "pending_fee_invoices" ("mission_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "recorded_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE, "fee_invoice_id" uuid, CONSTRAINT "pending_fee_invoices_pkey" PRIMARY KEY ("mission_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "pending_fee_invoices_provider_waiting" ON "pending_fee_invoices" ("provider_id") WHERE issued_at IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_fee_invoices" ADD CONSTRAINT "pending_fee_invoices_mission_fkey" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_fee_invoices" ADD CONSTRAINT "pending_fee_invoices_provider_fkey" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pending_fee_invoices" ADD CONSTRAINT "pending_fee_invoices_fee_invoice_fkey" FOREIGN KEY ("fee_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // The fees completed so far without a fee invoice (no SIRET or no billing address then) wait for the provider's records too.
    await queryRunner.query(
      `INSERT INTO "pending_fee_invoices" ("mission_id", "provider_id", "recorded_at")
       SELECT m."mission_id", m."provider_id", m."created_at" FROM "missing_invoices" m
       JOIN "payments" p ON p."mission_id" = m."mission_id" AND p."lapsed_at" IS NULL
       WHERE p."platform_fee_cents" > 0
         AND NOT EXISTS (SELECT 1 FROM "invoices" i WHERE i."mission_id" = m."mission_id" AND i."kind" = 'FEE_INVOICE')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "pending_fee_invoices"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_credit_note_corrects"`);
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_note_corrects" CHECK (kind <> 'CREDIT_NOTE' OR corrects_invoice_id IS NOT NULL)`,
    );
    // PostgreSQL cannot drop an enum value: FEE_CREDIT_NOTE stays in invoice_kind, unused.
  }
}
