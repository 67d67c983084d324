import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statements of reasons (DSA art. 17) and their contests (art. 20): see docs/moderation-decisions.md. */
export class ModerationDecisions1798100000000 implements MigrationInterface {
  name = 'ModerationDecisions1798100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."moderation_decision_kind" AS ENUM('IDENTITY_REJECTED', 'CONTENT_HIDDEN', 'SUSPENSION', 'DISPUTE_SETTLED', 'PAYOUT_HELD')`,
    );
    await queryRunner.query(
      `CREATE TABLE "moderation_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."moderation_decision_kind" NOT NULL, "facts" text NOT NULL, "ground_id" text NOT NULL, "ground_version" integer NOT NULL, "automated_detection" boolean NOT NULL, "automated_decision" boolean NOT NULL, "target_type" text, "target_id" uuid, "moderator_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "contestable_until" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "moderation_decisions_facts_length" CHECK (char_length(facts) BETWEEN 1 AND 2000), CONSTRAINT "moderation_decisions_automated_detection" CHECK (automated_detection OR NOT automated_decision), CONSTRAINT "PK_2e82d086a52c4233bcb60bc5b67" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "moderation_decisions_user_idx" ON "moderation_decisions"  ("user_id", "created_at", "id") `);
    await queryRunner.query(`CREATE TYPE "public"."moderation_contest_status" AS ENUM('OPEN', 'UPHELD', 'REVERSED')`);
    await queryRunner.query(
      `CREATE TABLE "moderation_contests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "decision_id" uuid NOT NULL, "user_id" uuid NOT NULL, "decided_by_id" uuid, "text" text NOT NULL, "status" "public"."moderation_contest_status" NOT NULL DEFAULT 'OPEN', "reviewer_id" uuid, "review_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "moderation_contests_outcome" CHECK ((status = 'OPEN') = (reviewed_at IS NULL) AND (status = 'OPEN' OR (reviewer_id IS NOT NULL AND review_reason IS NOT NULL))), CONSTRAINT "moderation_contests_reviewer_not_user" CHECK (reviewer_id IS DISTINCT FROM user_id), CONSTRAINT "moderation_contests_reviewer_not_decider" CHECK (reviewer_id IS NULL OR reviewer_id IS DISTINCT FROM decided_by_id), CONSTRAINT "moderation_contests_text_length" CHECK (char_length(text) BETWEEN 10 AND 2000), CONSTRAINT "PK_16e15fe779efa8d6f81ba32c11b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "moderation_contests_queue_idx" ON "moderation_contests"  ("status", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "moderation_contests_one_per_decision" ON "moderation_contests"  ("decision_id") `);
    await queryRunner.query(
      `ALTER TABLE "moderation_decisions" ADD CONSTRAINT "FK_faa7e7210db2687731c39f1c668" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_decisions" ADD CONSTRAINT "FK_d3afdd7a7e43a2a132e57863055" FOREIGN KEY ("moderator_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_contests" ADD CONSTRAINT "FK_2a3e0bfbbcf0211fa5643bfe072" FOREIGN KEY ("decision_id") REFERENCES "moderation_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_contests" ADD CONSTRAINT "FK_d98734a2d2e7f8dd52a4499ecc9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "moderation_contests" ADD CONSTRAINT "FK_731fa2ad6927bbaec42bd43694a" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "moderation_contests" DROP CONSTRAINT "FK_731fa2ad6927bbaec42bd43694a"`);
    await queryRunner.query(`ALTER TABLE "moderation_contests" DROP CONSTRAINT "FK_d98734a2d2e7f8dd52a4499ecc9"`);
    await queryRunner.query(`ALTER TABLE "moderation_contests" DROP CONSTRAINT "FK_2a3e0bfbbcf0211fa5643bfe072"`);
    await queryRunner.query(`ALTER TABLE "moderation_decisions" DROP CONSTRAINT "FK_d3afdd7a7e43a2a132e57863055"`);
    await queryRunner.query(`ALTER TABLE "moderation_decisions" DROP CONSTRAINT "FK_faa7e7210db2687731c39f1c668"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_contests_one_per_decision"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_contests_queue_idx"`);
    await queryRunner.query(`DROP TABLE "moderation_contests"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_contest_status"`);
    await queryRunner.query(`DROP INDEX "public"."moderation_decisions_user_idx"`);
    await queryRunner.query(`DROP TABLE "moderation_decisions"`);
    await queryRunner.query(`DROP TYPE "public"."moderation_decision_kind"`);
  }
}
