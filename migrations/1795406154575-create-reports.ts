import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReports1795406154575 implements MigrationInterface {
  name = 'CreateReports1795406154575';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."report_target" AS ENUM('MISSION', 'RATING', 'USER')`);
    await queryRunner.query(`CREATE TYPE "public"."report_status" AS ENUM('OPEN', 'ACTIONED', 'DISMISSED')`);
    await queryRunner.query(
      `CREATE TABLE "reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target" "public"."report_target" NOT NULL, "target_id" uuid NOT NULL, "reason" text NOT NULL, "reporter_id" uuid NOT NULL, "status" "public"."report_status" NOT NULL DEFAULT 'OPEN', "resolved_by_id" uuid, "resolved_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "reports_resolution" CHECK ((status = 'OPEN') = (resolved_at IS NULL)), CONSTRAINT "PK_d9013193989303580053c0b5ef6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "reports_target_idx" ON "reports"  ("target", "target_id") `);
    await queryRunner.query(`CREATE INDEX "reports_queue_idx" ON "reports"  ("status", "created_at", "id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "reports_one_open_per_reporter_and_target" ON "reports"  ("reporter_id", "target", "target_id") WHERE status = 'OPEN'`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "FK_9459b9bf907a3807ef7143d2ead" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reports" ADD CONSTRAINT "FK_580adb3369c061e2f3cd20e7442" FOREIGN KEY ("resolved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "FK_580adb3369c061e2f3cd20e7442"`);
    await queryRunner.query(`ALTER TABLE "reports" DROP CONSTRAINT "FK_9459b9bf907a3807ef7143d2ead"`);
    await queryRunner.query(`DROP INDEX "public"."reports_one_open_per_reporter_and_target"`);
    await queryRunner.query(`DROP INDEX "public"."reports_queue_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reports_target_idx"`);
    await queryRunner.query(`DROP TABLE "reports"`);
    await queryRunner.query(`DROP TYPE "public"."report_status"`);
    await queryRunner.query(`DROP TYPE "public"."report_target"`);
  }
}
