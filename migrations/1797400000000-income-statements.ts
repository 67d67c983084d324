import { MigrationInterface, QueryRunner } from 'typeorm';

export class IncomeStatements1797400000000 implements MigrationInterface {
  name = 'IncomeStatements1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "income_statements" ("id" uuid NOT NULL, "provider_id" uuid NOT NULL, "period_from" date NOT NULL, "period_to" date NOT NULL, "verification_code" text NOT NULL, "facts" text NOT NULL, "signature" text NOT NULL, "signing_key_id" text NOT NULL, "pdf_key" text NOT NULL, "pdf_sha256" character(64) NOT NULL, "issued_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "income_statements_code_format" CHECK (verification_code ~ '^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$'), CONSTRAINT "income_statements_period" CHECK (period_to >= period_from), CONSTRAINT "PK_7c92f08eeab30260a0f8bd87e70" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "income_statements_provider_issued" ON "income_statements"  ("provider_id", "issued_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "income_statements_verification_code_key" ON "income_statements"  ("verification_code") `);
    await queryRunner.query(
      `ALTER TABLE "income_statements" ADD CONSTRAINT "FK_5ee4cb43b88daca0a0182143008" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    // Written by hand: a statement is kept as signed (its facts, signature and PDF hash), as invoices are.
    await queryRunner.query(`CREATE FUNCTION income_statements_keep_as_issued() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'income statement % is kept as signed: never changed or deleted', OLD.id;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER income_statements_keep_as_issued BEFORE UPDATE OR DELETE ON "income_statements" FOR EACH ROW EXECUTE FUNCTION income_statements_keep_as_issued()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER income_statements_keep_as_issued ON "income_statements"`);
    await queryRunner.query(`DROP FUNCTION income_statements_keep_as_issued()`);
    await queryRunner.query(`ALTER TABLE "income_statements" DROP CONSTRAINT "FK_5ee4cb43b88daca0a0182143008"`);
    await queryRunner.query(`DROP INDEX "public"."income_statements_verification_code_key"`);
    await queryRunner.query(`DROP INDEX "public"."income_statements_provider_issued"`);
    await queryRunner.query(`DROP TABLE "income_statements"`);
  }
}
