import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRatingsAndReputations1795410199868 implements MigrationInterface {
  name = 'CreateRatingsAndReputations1795410199868';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."rating_role" AS ENUM('PROVIDER', 'CLIENT')`);
    await queryRunner.query(
      `CREATE TABLE "ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "author_id" uuid NOT NULL, "subject_id" uuid NOT NULL, "role" "public"."rating_role" NOT NULL, "score" smallint NOT NULL, "comment" text, "reply" text, "replied_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP(3) WITH TIME ZONE, "hidden_at" TIMESTAMP WITH TIME ZONE, "hidden_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ratings_not_self" CHECK (author_id <> subject_id), CONSTRAINT "ratings_reply_after_publication" CHECK (reply IS NULL OR published_at IS NOT NULL), CONSTRAINT "ratings_reply_length" CHECK (reply IS NULL OR char_length(reply) <= 1000), CONSTRAINT "ratings_comment_length" CHECK (comment IS NULL OR char_length(comment) <= 1000), CONSTRAINT "ratings_score" CHECK (score BETWEEN 1 AND 5), CONSTRAINT "PK_0f31425b073219379545ad68ed9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ratings_mission_idx" ON "ratings"  ("mission_id") `);
    await queryRunner.query(
      `CREATE INDEX "ratings_received_idx" ON "ratings"  ("subject_id", "role", "published_at", "id") WHERE published_at IS NOT NULL AND hidden_at IS NULL`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ratings_one_per_author_and_mission" ON "ratings"  ("mission_id", "author_id") `);
    await queryRunner.query(
      `CREATE TABLE "reputations" ("user_id" uuid NOT NULL, "as_provider_count" integer NOT NULL DEFAULT '0', "as_provider_score_sum" bigint NOT NULL DEFAULT '0', "as_client_count" integer NOT NULL DEFAULT '0', "as_client_score_sum" bigint NOT NULL DEFAULT '0', CONSTRAINT "reputations_sums" CHECK (as_provider_score_sum BETWEEN as_provider_count AND 5 * as_provider_count AND as_client_score_sum BETWEEN as_client_count AND 5 * as_client_count), CONSTRAINT "reputations_counts" CHECK (as_provider_count >= 0 AND as_client_count >= 0), CONSTRAINT "PK_194c836c51f92ebf51d8d159e72" PRIMARY KEY ("user_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "ratings" ADD CONSTRAINT "FK_471db2694a5f7b7e6f6650b02ba" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ratings" ADD CONSTRAINT "FK_130658ef235354aaad126c093f7" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ratings" ADD CONSTRAINT "FK_5cf1b2bbfe4fdd0fc359e4b6c00" FOREIGN KEY ("subject_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reputations" ADD CONSTRAINT "FK_194c836c51f92ebf51d8d159e72" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reputations" DROP CONSTRAINT "FK_194c836c51f92ebf51d8d159e72"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "FK_5cf1b2bbfe4fdd0fc359e4b6c00"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "FK_130658ef235354aaad126c093f7"`);
    await queryRunner.query(`ALTER TABLE "ratings" DROP CONSTRAINT "FK_471db2694a5f7b7e6f6650b02ba"`);
    await queryRunner.query(`DROP TABLE "reputations"`);
    await queryRunner.query(`DROP INDEX "public"."ratings_one_per_author_and_mission"`);
    await queryRunner.query(`DROP INDEX "public"."ratings_received_idx"`);
    await queryRunner.query(`DROP INDEX "public"."ratings_mission_idx"`);
    await queryRunner.query(`DROP TABLE "ratings"`);
    await queryRunner.query(`DROP TYPE "public"."rating_role"`);
  }
}
