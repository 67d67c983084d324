import { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoicing1797100000000 implements MigrationInterface {
  name = 'Invoicing1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "billing_profiles" ("user_id" uuid NOT NULL, "full_name" text NOT NULL, "address_line" text NOT NULL, "postcode" text NOT NULL, "city" text NOT NULL, "company_name" text, "siren" character(9), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "billing_profiles_business" CHECK ((company_name IS NULL) = (siren IS NULL)), CONSTRAINT "billing_profiles_siren" CHECK (siren IS NULL OR siren ~ '^[0-9]{9}$'), CONSTRAINT "PK_c642a19a1b070478464da4e6bdb" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."invoice_kind" AS ENUM('INVOICE', 'CREDIT_NOTE', 'FEE_INVOICE')`);
    await queryRunner.query(
      `CREATE TABLE "invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."invoice_kind" NOT NULL, "series_key" text NOT NULL, "number" text NOT NULL, "mission_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "client_id" uuid NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "total_cents" integer NOT NULL, "currency" character(3) NOT NULL, "facts" jsonb NOT NULL, "pdf_key" text, "pdf_sha256" character(64), "xml_key" text, "xml_sha256" character(64), "rendered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "invoices_total" CHECK (total_cents >= 0), CONSTRAINT "invoices_number_format" CHECK (number ~ '^[A-Za-z0-9+_/-]{1,35}$'), CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "invoices_mission" ON "invoices"  ("mission_id") `);
    await queryRunner.query(`CREATE INDEX "invoices_client_issued" ON "invoices"  ("client_id", "issued_at", "id") `);
    await queryRunner.query(`CREATE INDEX "invoices_provider_issued" ON "invoices"  ("provider_id", "issued_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "invoices_series_number_key" ON "invoices"  ("series_key", "number") `);
    await queryRunner.query(
      `CREATE TABLE "billing_mandates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "provider_id" uuid NOT NULL, "version" text NOT NULL, "accepted_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "accepted_from_ip" text NOT NULL, "revoked_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "billing_mandates_revoked_after_accepted" CHECK (revoked_at IS NULL OR revoked_at >= accepted_at), CONSTRAINT "PK_17411c3c7dd638b0ac8f0c8f987" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "billing_mandates_in_force_key" ON "billing_mandates"  ("provider_id") WHERE revoked_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."missing_invoice_reason" AS ENUM('NO_BILLING_MANDATE', 'NO_SIRET', 'NO_BILLING_ADDRESS')`,
    );
    await queryRunner.query(
      `CREATE TABLE "missing_invoices" ("mission_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "reason" "public"."missing_invoice_reason" NOT NULL, "notified_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3bfe22d5cbcf1a1ae892dea8e29" PRIMARY KEY ("mission_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "invoice_series" ("key" text NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "invoice_series_last_number" CHECK (last_number >= 1), CONSTRAINT "PK_753c7b374d2c17c24cbcc9afb87" PRIMARY KEY ("key"))`,
    );
    // Written by hand: the references (an invoice outlives nothing it names: RESTRICT), and the guards that keep invoices and their numbers as issued.
    await queryRunner.query(
      `ALTER TABLE "billing_profiles" ADD CONSTRAINT "billing_profiles_user_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await queryRunner.query(
      `ALTER TABLE "billing_mandates" ADD CONSTRAINT "billing_mandates_provider_fkey" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_mission_fkey" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_provider_fkey" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "invoices" ADD CONSTRAINT "invoices_client_fkey" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE "missing_invoices" ADD CONSTRAINT "missing_invoices_mission_fkey" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT`,
    );
    await queryRunner.query(`CREATE FUNCTION invoices_keep_as_issued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          RAISE EXCEPTION 'invoice % is kept: an invoice is cancelled by a credit note, never deleted', OLD.number;
        END IF;
        IF (NEW.kind, NEW.series_key, NEW.number, NEW.mission_id, NEW.provider_id, NEW.client_id, NEW.issued_at, NEW.total_cents, NEW.currency, NEW.facts)
           IS DISTINCT FROM (OLD.kind, OLD.series_key, OLD.number, OLD.mission_id, OLD.provider_id, OLD.client_id, OLD.issued_at, OLD.total_cents, OLD.currency, OLD.facts)
           OR (OLD.rendered_at IS NOT NULL AND (NEW.pdf_key, NEW.pdf_sha256, NEW.xml_key, NEW.xml_sha256, NEW.rendered_at)
               IS DISTINCT FROM (OLD.pdf_key, OLD.pdf_sha256, OLD.xml_key, OLD.xml_sha256, OLD.rendered_at)) THEN
          RAISE EXCEPTION 'invoice % is frozen: only its documents are recorded, once', OLD.number;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER invoices_keep_as_issued BEFORE UPDATE OR DELETE ON "invoices" FOR EACH ROW EXECUTE FUNCTION invoices_keep_as_issued()`,
    );
    await queryRunner.query(`CREATE FUNCTION invoice_series_keep() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'invoice series % is kept: its numbers are never reused', OLD.key;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER invoice_series_keep BEFORE DELETE ON "invoice_series" FOR EACH ROW EXECUTE FUNCTION invoice_series_keep()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER invoice_series_keep ON "invoice_series"`);
    await queryRunner.query(`DROP FUNCTION invoice_series_keep()`);
    await queryRunner.query(`DROP TRIGGER invoices_keep_as_issued ON "invoices"`);
    await queryRunner.query(`DROP FUNCTION invoices_keep_as_issued()`);
    await queryRunner.query(`ALTER TABLE "missing_invoices" DROP CONSTRAINT "missing_invoices_mission_fkey"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_client_fkey"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_provider_fkey"`);
    await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "invoices_mission_fkey"`);
    await queryRunner.query(`ALTER TABLE "billing_mandates" DROP CONSTRAINT "billing_mandates_provider_fkey"`);
    await queryRunner.query(`ALTER TABLE "billing_profiles" DROP CONSTRAINT "billing_profiles_user_fkey"`);
    await queryRunner.query(`DROP TABLE "invoice_series"`);
    await queryRunner.query(`DROP TABLE "missing_invoices"`);
    await queryRunner.query(`DROP TYPE "public"."missing_invoice_reason"`);
    await queryRunner.query(`DROP INDEX "public"."billing_mandates_in_force_key"`);
    await queryRunner.query(`DROP TABLE "billing_mandates"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_series_number_key"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_provider_issued"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_client_issued"`);
    await queryRunner.query(`DROP INDEX "public"."invoices_mission"`);
    await queryRunner.query(`DROP TABLE "invoices"`);
    await queryRunner.query(`DROP TYPE "public"."invoice_kind"`);
    await queryRunner.query(`DROP TABLE "billing_profiles"`);
  }
}
