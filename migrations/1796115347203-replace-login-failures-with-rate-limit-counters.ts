import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate limits count attempts in one row per key (taken atomically) instead of one row per login failure. */
export class ReplaceLoginFailuresWithRateLimitCounters1796115347203 implements MigrationInterface {
  name = 'ReplaceLoginFailuresWithRateLimitCounters1796115347203';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit_counters" ("key" text NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "rate_limit_counters_hits_check" CHECK (hits >= 0), CONSTRAINT "PK_ad665f1998311a7bd0e8265365d" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`DROP TABLE "login_failures"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "login_failures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "ip" text NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "login_failures_ip_idx" ON "login_failures"  ("ip", "failed_at") `);
    await queryRunner.query(`CREATE INDEX "login_failures_email_idx" ON "login_failures"  ("email", "failed_at") `);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
