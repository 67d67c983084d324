import { AccountsModule } from '@marketplace/accounts';
import { Module } from '@nestjs/common';
import { PurgeExpiredAuthRecordsJob } from './purge-expired-auth-records.job';

/** The job handlers, one file each. Imported by the worker process, and by the API when it runs the worker in-process. */
@Module({
  imports: [AccountsModule],
  providers: [PurgeExpiredAuthRecordsJob],
})
export class WorkerModule {}
