import { JobHandler, JobHandlerFor, PayloadOf } from '@marketplace/jobs';
import { AccountDeletionService, DELETE_ERASED_FILES } from '@marketplace/personal-data';
import { Injectable } from '@nestjs/common';

/** Queued by deleteMyAccount: the erased account's photos, identity documents and export archives leave the file storage. */
@Injectable()
@JobHandlerFor(DELETE_ERASED_FILES)
export class DeleteErasedFilesJob implements JobHandler<PayloadOf<typeof DELETE_ERASED_FILES>> {
  constructor(private readonly deletion: AccountDeletionService) {}

  handle(files: PayloadOf<typeof DELETE_ERASED_FILES>): Promise<void> {
    return this.deletion.deleteErasedFiles(files);
  }
}
