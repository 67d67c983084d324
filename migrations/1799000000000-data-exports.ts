import { MigrationInterface, QueryRunner } from 'typeorm';

export class DataExports1799000000000 implements MigrationInterface {
  name = 'DataExports1799000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."data_export_status" AS ENUM('PENDING', 'READY', 'FAILED', 'EXPIRED')`);
    await queryRunner.query(
      `CREATE TABLE "data_exports" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" "public"."data_export_status" NOT NULL DEFAULT 'PENDING', "requested_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ready_at" TIMESTAMP(3) WITH TIME ZONE, "expires_at" TIMESTAMP(3) WITH TIME ZONE, "storage_key" text, "size_bytes" integer, "sha256" character(64), CONSTRAINT "data_exports_ready_archive" CHECK (status <> 'READY' OR (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND sha256 IS NOT NULL AND ready_at IS NOT NULL AND expires_at IS NOT NULL)), CONSTRAINT "PK_3e8b8b297ef4446f30527695c10" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "data_exports_ready_expiry_idx" ON "data_exports"  ("expires_at") WHERE status = 'READY'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "data_exports_one_pending_per_user" ON "data_exports"  ("user_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(`CREATE INDEX "data_exports_user_requested_idx" ON "data_exports"  ("user_id", "requested_at") `);
    await queryRunner.query(
      `ALTER TABLE "data_exports" ADD CONSTRAINT "FK_8ee9254a3040f10d3f57d789d29" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "data_exports" DROP CONSTRAINT "FK_8ee9254a3040f10d3f57d789d29"`);
    await queryRunner.query(`DROP INDEX "public"."data_exports_user_requested_idx"`);
    await queryRunner.query(`DROP INDEX "public"."data_exports_one_pending_per_user"`);
    await queryRunner.query(`DROP INDEX "public"."data_exports_ready_expiry_idx"`);
    await queryRunner.query(`DROP TABLE "data_exports"`);
    await queryRunner.query(`DROP TYPE "public"."data_export_status"`);
  }
}
