import { RateLimit } from '@marketplace/accounts';
import { CurrentViewer, Viewer } from '@marketplace/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AccountDeletionService } from './deletion/account-deletion.service';
import { DataExportsService, DataExportView } from './export/data-exports.service';
import { AccountDeletionPreviewType, DataExportType } from './personal-data.types';

@Resolver()
export class PersonalDataResolver {
  constructor(
    private readonly exports: DataExportsService,
    private readonly deletion: AccountDeletionService,
  ) {}

  @Mutation(() => DataExportType, {
    description:
      'Asks for a copy of all the data held about the signed-in user: a job builds one zip archive, and the user is notified (DATA_EXPORT_READY, by email too) when it can be downloaded (DataExport.downloadPath, for 24 hours). TOO_MANY_REQUESTS (with retryAfterSeconds) within a minute of the previous request; CONFLICT while the previous one is being built; nothing is queued then.',
  })
  requestDataExport(@CurrentViewer() viewer: Viewer): Promise<DataExportView> {
    return this.exports.request(viewer);
  }

  @Query(() => [DataExportType], { description: "The signed-in user's data exports, newest first (the last 20)." })
  myDataExports(@CurrentViewer() viewer: Viewer): Promise<DataExportView[]> {
    return this.exports.listOf(viewer);
  }

  @Query(() => AccountDeletionPreviewType, {
    description:
      'What deleting the signed-in user’s account would do: what is deleted, what is kept (for how long and why), and what must be finished first.',
  })
  async accountDeletionPreview(@CurrentViewer() viewer: Viewer): Promise<AccountDeletionPreviewType> {
    const preview = await this.deletion.preview(viewer);
    return { ...preview, canDelete: preview.blockers.length === 0 };
  }

  @RateLimit('accountDeletion')
  @Mutation(() => Boolean, {
    description:
      'Deletes the signed-in user’s account, as accountDeletionPreview says: signed out everywhere, anonymised ("Former member"), contact data, documents, photos and messages deleted; what the law requires is kept for its period. BAD_USER_INPUT for a wrong password; CONFLICT (extensions.blockers) while a mission is in progress or money is pending; nothing changes then. TOO_MANY_REQUESTS past RATE_LIMIT_ACCOUNT_DELETION_PER_USER (5 an hour by default): each call checks the password. True once done.',
  })
  async deleteMyAccount(
    @CurrentViewer() viewer: Viewer,
    @Args('password', { description: 'The account’s password, to confirm.' }) password: string,
  ): Promise<boolean> {
    await this.deletion.deleteAccount(viewer, password);
    return true;
  }
}
