import { MigrationInterface, QueryRunner } from 'typeorm';

const FROZEN_BEFORE = `kind, series_key, number, mission_id, provider_id, client_id, issued_at, total_cents, currency, facts`;
const FROZEN = `${FROZEN_BEFORE}, contest_deadline, corrects_invoice_id, refund_reference`;
const DOCUMENTS = `pdf_key, pdf_sha256, xml_key, xml_sha256, rendered_at`;
const columns = (row: 'NEW' | 'OLD', list: string) =>
  list
    .split(', ')
    .map((column) => `${row}.${column}`)
    .join(', ');
/** Of the contest's columns, those a step leaves as they were. */
const unchanged = (list: string) => `(${columns('NEW', list)}) IS NOT DISTINCT FROM (${columns('OLD', list)})`;

/** The guard of invoices as issued: `frozen` never changes, the documents are recorded once, then `steps` (PL/pgSQL) decide the rest. */
const keepAsIssued = (
  frozen: string,
  steps: string,
) => `CREATE OR REPLACE FUNCTION invoices_keep_as_issued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'invoice % is kept: an invoice is cancelled by a credit note, never deleted', OLD.number;
        END IF;
        IF (${columns('NEW', frozen)}) IS DISTINCT FROM (${columns('OLD', frozen)})
           OR (OLD.rendered_at IS NOT NULL AND (${columns('NEW', DOCUMENTS)}) IS DISTINCT FROM (${columns('OLD', DOCUMENTS)})) THEN
          RAISE EXCEPTION 'invoice % is frozen: only its documents are recorded, once', OLD.number;
        END IF;
        ${steps}
      END $$`;

export class InvoiceCorrections1797200000000 implements MigrationInterface {
  name = 'InvoiceCorrections1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // Every mandate version accepted before this one was written with a 7-day window.
    await queryRunner.query(`ALTER TABLE "billing_mandates" ADD "contest_days" integer`);
    await queryRunner.query(`UPDATE "billing_mandates" SET "contest_days" = 7`);
    await queryRunner.query(`ALTER TABLE "billing_mandates" ALTER COLUMN "contest_days" SET NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "billing_mandates" ADD CONSTRAINT "billing_mandates_contest_days" CHECK (contest_days BETWEEN 1 AND 30)`,
    );
    await queryRunner.query(`CREATE TYPE "public"."invoice_status" AS ENUM('ISSUED', 'CONTESTED', 'ACCEPTED', 'CANCELLED')`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "status" "public"."invoice_status" NOT NULL DEFAULT 'ISSUED'`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "contest_deadline" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "contested_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "contest_reason" text`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "accepted_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "cancelled_at" TIMESTAMP(3) WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "corrects_invoice_id" uuid`);
    await queryRunner.query(`ALTER TABLE "invoices" ADD "refund_reference" text`);
    // Written by hand: invoices issued before the contest existed get the window of the only mandate text there was, and their acceptance job.
    await queryRunner.query(`UPDATE "invoices" SET "contest_deadline" = issued_at + interval '7 days' WHERE kind = 'INVOICE'`);
    await queryRunner.query(`DO $$ BEGIN
        IF to_regnamespace('graphile_worker') IS NOT NULL THEN
          PERFORM graphile_worker.add_job('invoicing:accept-tacitly', payload := json_build_object('invoiceId', id), run_at := contest_deadline,
                                          job_key := 'invoicing:accept-tacitly:' || id, max_attempts := 10)
          FROM invoices WHERE kind = 'INVOICE';
        END IF;
      END $$`);
    await queryRunner.query(`CREATE INDEX "invoices_corrects" ON "invoices"  ("corrects_invoice_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "invoices_refund_reference_key" ON "invoices"  ("refund_reference") WHERE refund_reference IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_contest_window" CHECK ((kind = 'INVOICE') = (contest_deadline IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_credit_note_corrects" CHECK (kind <> 'CREDIT_NOTE' OR corrects_invoice_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_contest_reason" CHECK (contest_reason IS NULL OR char_length(contest_reason) BETWEEN 1 AND 1000)`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_corrects_fkey" FOREIGN KEY ("corrects_invoice_id") REFERENCES "invoices"("id") ON DELETE RESTRICT`,
    );
    // The guard now lets the contest's steps through, and only them (InvoiceContests): ISSUED → CONTESTED or ACCEPTED, CONTESTED → CANCELLED.
    await queryRunner.query(
      keepAsIssued(
        FROZEN,
        `IF ${unchanged('status, contested_at, contest_reason, accepted_at, cancelled_at')} THEN
          RETURN NEW;
        END IF;
        IF (OLD.kind = 'INVOICE' AND OLD.status = 'ISSUED' AND NEW.status = 'CONTESTED'
              AND NEW.contested_at IS NOT NULL AND NEW.contest_reason IS NOT NULL AND ${unchanged('accepted_at, cancelled_at')})
           OR (OLD.kind = 'INVOICE' AND OLD.status = 'ISSUED' AND NEW.status = 'ACCEPTED'
              AND NEW.accepted_at IS NOT NULL AND ${unchanged('contested_at, contest_reason, cancelled_at')})
           OR (OLD.status = 'CONTESTED' AND NEW.status = 'CANCELLED'
              AND NEW.cancelled_at IS NOT NULL AND ${unchanged('contested_at, contest_reason, accepted_at')}) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'invoice %: % to % is not a step of its contest', OLD.number, OLD.status, NEW.status;`,
      ),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(keepAsIssued(FROZEN_BEFORE, 'RETURN NEW;'));
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_corrects_fkey"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_contest_reason"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_credit_note_corrects"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_contest_window"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_refund_reference_key"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_corrects"`);
    for (const column of [
      'refund_reference',
      'corrects_invoice_id',
      'cancelled_at',
      'accepted_at',
      'contest_reason',
      'contested_at',
      'contest_deadline',
      'status',
    ]) {
      await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "${column}"`);
    }
    await queryRunner.query(`DROP TYPE "public"."invoice_status"`);
    await queryRunner.query(`ALTER TABLE "billing_mandates" DROP CONSTRAINT "billing_mandates_contest_days"`);
    await queryRunner.query(`ALTER TABLE "billing_mandates" DROP COLUMN "contest_days"`);
  }
}
