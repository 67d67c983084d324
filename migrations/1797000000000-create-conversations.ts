import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConversations1797000000000 implements MigrationInterface {
  name = 'CreateConversations1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "conversations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "mission_id" uuid NOT NULL, "client_id" uuid NOT NULL, "provider_id" uuid NOT NULL, "client_last_read_at" TIMESTAMP(3) WITH TIME ZONE, "provider_last_read_at" TIMESTAMP(3) WITH TIME ZONE, "last_message_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "conversations_two_sides" CHECK (client_id <> provider_id), CONSTRAINT "PK_ee34f4f7ced4ec8681f26bf04ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "conversations_of_provider_idx" ON "conversations"  ("provider_id", "last_message_at", "id") `);
    await queryRunner.query(`CREATE INDEX "conversations_of_client_idx" ON "conversations"  ("client_id", "last_message_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "conversations_one_per_mission_and_provider" ON "conversations"  ("mission_id", "provider_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "conversation_id" uuid NOT NULL, "author_id" uuid NOT NULL, "text" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "reported_at" TIMESTAMP(3) WITH TIME ZONE, "hidden_at" TIMESTAMP(3) WITH TIME ZONE, "hidden_reason" text, CONSTRAINT "messages_hiding" CHECK ((hidden_at IS NULL) = (hidden_reason IS NULL)), CONSTRAINT "messages_text_length" CHECK (char_length(text) BETWEEN 1 AND 2000), CONSTRAINT "PK_18325f38ae6de43878487eff986" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "messages_of_conversation_idx" ON "messages"  ("conversation_id", "created_at", "id") `);
    // Added, not recreated: the reports' indexes on the column stay as they are.
    await queryRunner.query(`ALTER TYPE "public"."report_target" ADD VALUE 'MESSAGE'`);
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "FK_693bed2c1178040753f7996b67b" FOREIGN KEY ("mission_id") REFERENCES "missions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "FK_6c66034346a5934cdc0dcb4a962" FOREIGN KEY ("client_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "FK_93f3c4e075389d1faccec56ab68" FOREIGN KEY ("provider_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "FK_05535bc695e9f7ee104616459d3" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_05535bc695e9f7ee104616459d3"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "FK_3bc55a7c3f9ed54b520bb5cfe23"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_93f3c4e075389d1faccec56ab68"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_6c66034346a5934cdc0dcb4a962"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "FK_693bed2c1178040753f7996b67b"`);
    await queryRunner.query(`DELETE FROM "reports" WHERE "target" = 'MESSAGE'`);
    await queryRunner.query(`CREATE TYPE "public"."report_target_old" AS ENUM('MISSION', 'RATING', 'USER')`);
    await queryRunner.query(
      `ALTER TABLE "reports" ALTER COLUMN "target" TYPE "public"."report_target_old" USING "target"::"text"::"public"."report_target_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."report_target"`);
    await queryRunner.query(`ALTER TYPE "public"."report_target_old" RENAME TO "report_target"`);
    await queryRunner.query(`DROP INDEX "public"."messages_of_conversation_idx"`);
    await queryRunner.query(`DROP TABLE "messages"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_one_per_mission_and_provider"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_of_client_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversations_of_provider_idx"`);
    await queryRunner.query(`DROP TABLE "conversations"`);
  }
}
