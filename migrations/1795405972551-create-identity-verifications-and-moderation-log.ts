import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdentityVerificationsAndModerationLog1795405972551 implements MigrationInterface {
  name = 'CreateIdentityVerificationsAndModerationLog1795405972551';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."identity_verification_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED')`);
    await queryRunner.query(
      `CREATE TYPE "public"."identity_document_type" AS ENUM('ID_CARD', 'PASSPORT', 'RESIDENCE_PERMIT', 'DRIVING_LICENCE')`,
    );
    await queryRunner.query(
      `CREATE TABLE "identity_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "status" "public"."identity_verification_status" NOT NULL DEFAULT 'PENDING', "document_type" "public"."identity_document_type" NOT NULL, "legal_name" text NOT NULL, "date_of_birth" date NOT NULL, "assigned_to_id" uuid, "decided_by_id" uuid, "rejection_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE, "documents_purged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "identity_verifications_rejection_reason" CHECK (status <> 'REJECTED' OR rejection_reason IS NOT NULL), CONSTRAINT "identity_verifications_decision" CHECK ((status = 'PENDING') = (decided_at IS NULL)), CONSTRAINT "PK_42a93e679bc1d9568b6e80ea080" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "identity_verifications_user_idx" ON "identity_verifications"  ("user_id", "submitted_at") `);
    await queryRunner.query(
      `CREATE INDEX "identity_verifications_queue_idx" ON "identity_verifications"  ("status", "submitted_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "identity_verifications_one_pending_per_user" ON "identity_verifications"  ("user_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_actions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "moderator_id" uuid NOT NULL, "action" text NOT NULL, "target_id" uuid NOT NULL, "reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d259906fb4d2a5ef718f1f66e35" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "moderation_actions_target_id_idx" ON "moderation_actions"  ("target_id") `);
    await queryRunner.query(`CREATE INDEX "moderation_actions_created_at_idx" ON "moderation_actions"  ("created_at", "id") `);
    await queryRunner.query(`ALTER TABLE "identity_documents" ADD "verification_id" uuid`);
    await queryRunner.query(`CREATE INDEX "identity_documents_verification_id_idx" ON "identity_documents"  ("verification_id") `);
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_d5f768de648407911f33a6e9a26" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_f4bc5d2cf347daa77aeb3a0f202" FOREIGN KEY ("assigned_to_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_verifications" ADD CONSTRAINT "FK_df43fb90fbc48209edabd9aa136" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identity_documents" ADD CONSTRAINT "FK_68e3cd62f5e37cbc4aec18d6d5b" FOREIGN KEY ("verification_id") REFERENCES "identity_verifications"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_actions" ADD CONSTRAINT "FK_d891b13e150f7bf62e48f349d82" FOREIGN KEY ("moderator_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "moderation_actions" DROP CONSTRAINT "FK_d891b13e150f7bf62e48f349d82"`);
    await queryRunner.query(`ALTER TABLE "identity_documents" DROP CONSTRAINT "FK_68e3cd62f5e37cbc4aec18d6d5b"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_df43fb90fbc48209edabd9aa136"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_f4bc5d2cf347daa77aeb3a0f202"`);
    await queryRunner.query(`ALTER TABLE "identity_verifications" DROP CONSTRAINT "FK_d5f768de648407911f33a6e9a26"`);
    await queryRunner.query(`DROP INDEX "public"."identity_documents_verification_id_idx"`);
    await queryRunner.query(`ALTER TABLE "identity_documents" DROP COLUMN "verification_id"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_created_at_idx"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_actions_target_id_idx"`);
    await queryRunner.query(`DROP TABLE "moderation_actions"`);
    await queryRunner.query(`DROP INDEX "public"."identity_verifications_one_pending_per_user"`);
    await queryRunner.query(`DROP INDEX "public"."identity_verifications_queue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."identity_verifications_user_idx"`);
    await queryRunner.query(`DROP TABLE "identity_verifications"`);
    await queryRunner.query(`DROP TYPE "public"."identity_document_type"`);
    await queryRunner.query(`DROP TYPE "public"."identity_verification_status"`);
  }
}
