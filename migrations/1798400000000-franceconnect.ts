import { MigrationInterface, QueryRunner } from 'typeorm';

export class FranceConnect1798400000000 implements MigrationInterface {
  name = 'FranceConnect1798400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "franceconnect_attempts" ("key_hash" text NOT NULL, "state" text NOT NULL, "nonce" text NOT NULL, "code_verifier" text NOT NULL, "linking_user_id" uuid, "started" boolean NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6511dbdd0411432aaaee3e11a54" PRIMARY KEY ("key_hash"))`,
    );
    await queryRunner.query(`CREATE INDEX "franceconnect_attempts_expires_at_idx" ON "franceconnect_attempts"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "franceconnect_links" ("user_id" uuid NOT NULL, "sub" text NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_03897c5707156987f17aca12faf" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "franceconnect_links_sub_key" ON "franceconnect_links"  ("sub") `);
    await queryRunner.query(
      `CREATE TABLE "franceconnect_sessions" ("session_id" uuid NOT NULL, "id_token" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_02586b9113f9f37fc8290133a41" PRIMARY KEY ("session_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "franceconnect_sign_in_codes" ("code_hash" text NOT NULL, "user_id" uuid NOT NULL, "id_token" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f6c348773d102f5aad575ca58bf" PRIMARY KEY ("code_hash"))`,
    );
    await queryRunner.query(`CREATE TYPE "public"."identity_verification_source" AS ENUM('DOCUMENTS', 'FRANCECONNECT')`);
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD "source" "public"."identity_verification_source" NOT NULL DEFAULT 'DOCUMENTS'`,
    );
    await queryRunner.query(`ALTER TABLE "identity_verifications" ADD "birthplace" text`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" ADD "birthcountry" text`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" ADD "gender" text`);
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "moderator_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" ALTER COLUMN "document_type" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "identity_verifications_source_document" CHECK ((source = 'DOCUMENTS') = (document_type IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "franceconnect_attempts" ADD CONSTRAINT "FK_25e5feb975bdb76033c7d3359fd" FOREIGN KEY ("linking_user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "franceconnect_links" ADD CONSTRAINT "FK_03897c5707156987f17aca12faf" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "franceconnect_sign_in_codes" ADD CONSTRAINT "FK_389884b479cb98291a3e8aee0d0" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "franceconnect_sign_in_codes" DROP CONSTRAINT "FK_389884b479cb98291a3e8aee0d0"`);
    await queryRunner.query(`ALTER TABLE "franceconnect_links" DROP CONSTRAINT "FK_03897c5707156987f17aca12faf"`);
    await queryRunner.query(`ALTER TABLE "franceconnect_attempts" DROP CONSTRAINT "FK_25e5feb975bdb76033c7d3359fd"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP CONSTRAINT "identity_verifications_source_document"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" ALTER COLUMN "document_type" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "moderation_actions" ALTER COLUMN "moderator_id" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP COLUMN "gender"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP COLUMN "birthcountry"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP COLUMN "birthplace"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP COLUMN "source"`);
    await queryRunner.query(`DROP TYPE "public"."identity_verification_source"`);
    await queryRunner.query(`DROP TABLE "franceconnect_sign_in_codes"`);
    await queryRunner.query(`DROP TABLE "franceconnect_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."franceconnect_links_sub_key"`);
    await queryRunner.query(`DROP TABLE "franceconnect_links"`);
    await queryRunner.query(`DROP INDEX "public"."franceconnect_attempts_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "franceconnect_attempts"`);
  }
}
