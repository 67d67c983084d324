import { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailVerificationAndOutbox1796700000000 implements MigrationInterface {
  name = 'EmailVerificationAndOutbox1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."account_token_purpose" AS ENUM('EMAIL_VERIFICATION', 'PASSWORD_RESET')`);
    await queryRunner.query(
      `CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."account_token_purpose" NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "account_tokens_expires_at_idx" ON "account_tokens"  ("expires_at") `);
    await queryRunner.query(`CREATE INDEX "account_tokens_user_id_idx" ON "account_tokens"  ("user_id", "purpose") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "account_tokens_token_hash_key" ON "account_tokens"  ("token_hash") `);
    await queryRunner.query(
      `CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" text NOT NULL, "email" boolean NOT NULL, CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "email_outbox" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "kind" text NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "text_body" text, "html_body" text, "headers" jsonb NOT NULL DEFAULT '{}', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "last_attempt_at" TIMESTAMP(3) WITH TIME ZONE, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "email_outbox_attempts_check" CHECK (attempts >= 0), CONSTRAINT "PK_b6fbfc201f705fbf1ac87bd7197" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "email_outbox_user_id_idx" ON "email_outbox"  ("user_id") `);
    await queryRunner.query(`CREATE INDEX "email_outbox_unsent_idx" ON "email_outbox"  ("created_at") WHERE sent_at IS NULL`);
    await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP(3) WITH TIME ZONE`);
    // Accounts made before verification existed keep what they could do: they count as verified since they joined.
    await queryRunner.query(`UPDATE "users" SET "email_verified_at" = "created_at"`);
    await queryRunner.query(`CREATE TYPE "public"."user_locale" AS ENUM('fr', 'en')`);
    await queryRunner.query(`ALTER TABLE "users" ADD "locale" "public"."user_locale" NOT NULL DEFAULT 'fr'`);
    await queryRunner.query(
      `ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "email_outbox" ADD CONSTRAINT "FK_ae04df408be63460ebad1284b9e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "email_outbox" DROP CONSTRAINT "FK_ae04df408be63460ebad1284b9e"`);
    await queryRunner.query(`ALTER TABLE "notification_preferences" DROP CONSTRAINT "FK_64c90edc7310c6be7c10c96f675"`);
    await queryRunner.query(`ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locale"`);
    await queryRunner.query(`DROP TYPE "public"."user_locale"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
    await queryRunner.query(`DROP INDEX "public"."email_outbox_unsent_idx"`);
    await queryRunner.query(`DROP INDEX "public"."email_outbox_user_id_idx"`);
    await queryRunner.query(`DROP TABLE "email_outbox"`);
    await queryRunner.query(`DROP TABLE "notification_preferences"`);
    await queryRunner.query(`DROP INDEX "public"."account_tokens_token_hash_key"`);
    await queryRunner.query(`DROP INDEX "public"."account_tokens_user_id_idx"`);
    await queryRunner.query(`DROP INDEX "public"."account_tokens_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "account_tokens"`);
    await queryRunner.query(`DROP TYPE "public"."account_token_purpose"`);
  }
}
