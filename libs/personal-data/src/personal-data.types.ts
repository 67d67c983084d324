import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DataExportStatus } from './data-export.entity';
import { AccountDeletionBlockerKind } from './deletion/account-deletion-rules';

registerEnumType(DataExportStatus, {
  name: 'DataExportStatus',
  description: 'Where a data export is: being built, downloadable, failed, or past its download window.',
  valuesMap: {
    PENDING: { description: 'Being built; the user is notified (DATA_EXPORT_READY) when it is ready.' },
    READY: { description: 'Downloadable at downloadPath until expiresAt.' },
    FAILED: { description: 'It could not be built; ask for a new one.' },
    EXPIRED: { description: 'Past expiresAt: the archive is deleted; ask for a new one.' },
  },
});

registerEnumType(AccountDeletionBlockerKind, {
  name: 'AccountDeletionBlockerKind',
  description: 'What must be finished before an account can be deleted.',
  valuesMap: {
    MISSION_IN_PROGRESS: { description: 'A mission the user is the client or the hired provider of is ASSIGNED or DELIVERED.' },
    DISPUTE_OPEN: { description: 'A mission of theirs is DISPUTED: a moderator has not settled it yet.' },
    PAYOUT_PENDING: { description: 'A payout owed to them is not transferred yet (PENDING or FAILED).' },
    REFUND_PENDING: { description: 'A refund owed to them is asked for and not made yet.' },
    CHARGEBACK_OPEN: { description: 'A card chargeback on one of their payments is not decided yet.' },
  },
});

@ObjectType('DataExport', {
  description:
    'A copy of everything the platform holds about the user (GDPR arts. 15 and 20): one zip archive of JSON files, one per domain, and their own files (identity documents, invoice PDFs, income statements, photos).',
})
export class DataExportType {
  @Field(() => ID, { description: 'The export.' })
  id!: string;

  @Field(() => DataExportStatus, { description: 'Where it is.' })
  status!: DataExportStatus;

  @Field(() => GraphQLISODateTime, { description: 'When the user asked for it.' })
  requestedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When its archive was ready; null before.' })
  readyAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Until when it can be downloaded: 24 hours after readyAt; then the archive is deleted.',
  })
  expiresAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'The size of the archive in bytes, once ready.' })
  sizeBytes!: number | null;

  @Field(() => String, { nullable: true, description: 'The SHA-256 of the archive (hex), once ready.' })
  sha256!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Where its owner downloads the zip (GET, with their Bearer token), while READY; null otherwise. Anyone else gets 404; after expiresAt, 410.',
  })
  downloadPath!: string | null;
}

@ObjectType('AccountDeletionBlocker', { description: 'Something to finish before the account can be deleted, named.' })
export class AccountDeletionBlockerType {
  @Field(() => AccountDeletionBlockerKind, { description: 'What it is.' })
  kind!: AccountDeletionBlockerKind;

  @Field(() => ID, { description: 'The mission it is about.' })
  missionId!: string;

  @Field({ description: 'The title of that mission.' })
  missionTitle!: string;

  @Field(() => Int, {
    nullable: true,
    description: 'The amount at stake, in cents, for the money blockers; null for a mission or a dispute.',
  })
  amountCents!: number | null;

  @Field(() => String, { nullable: true, description: 'The currency of amountCents.' })
  currency!: string | null;

  @Field({ description: 'What to finish, in a sentence.' })
  description!: string;
}

@ObjectType('KeptPersonalData', {
  description: 'Data kept after an account is deleted, because the law requires it or a legitimate interest does.',
})
export class KeptPersonalDataType {
  @Field({ description: 'What is kept.' })
  what!: string;

  @Field({ description: 'For how long.' })
  period!: string;

  @Field({ description: 'The legal basis (docs/personal-data.md).' })
  basis!: string;
}

@ObjectType('AccountDeletionPreview', { description: 'What deleteMyAccount would do now, said before it is done.' })
export class AccountDeletionPreviewType {
  @Field({ description: 'True when nothing blocks the deletion.' })
  canDelete!: boolean;

  @Field(() => [AccountDeletionBlockerType], { description: 'What must be finished first (empty when canDelete).' })
  blockers!: AccountDeletionBlockerType[];

  @Field(() => [String], { description: 'What is deleted, or replaced by values that identify nobody, at once.' })
  deleted!: readonly string[];

  @Field(() => [KeptPersonalDataType], { description: 'What is kept, for how long and why.' })
  kept!: readonly KeptPersonalDataType[];

  @Field({ description: 'How the deletion is confirmed (with the password), and what to do without one.' })
  note!: string;
}
