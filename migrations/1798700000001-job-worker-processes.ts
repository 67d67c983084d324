import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which process each graphile worker id belongs to, so that the jobs of a process that died are unlocked at once (libs/jobs crashed-workers.ts). */
export class JobWorkerProcesses1798700000001 implements MigrationInterface {
  name = 'JobWorkerProcesses1798700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_worker_processes" ("worker_id" text NOT NULL, "process_key" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "job_worker_processes_pkey" PRIMARY KEY ("worker_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "job_worker_processes"`);
  }
}
