import { AccountsModule } from '@marketplace/accounts';
import { BidsModule } from '@marketplace/bids';
import { IdentityModule } from '@marketplace/identity';
import { MissionsModule } from '@marketplace/missions';
import { NotificationsModule } from '@marketplace/notifications';
import { PhotosModule } from '@marketplace/photos';
import { StorageModule } from '@marketplace/storage';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataExport } from './data-export.entity';
import { DataExportsController } from './data-exports.controller';
import { AccountDeletionService } from './deletion/account-deletion.service';
import { DataExportArchive } from './export/data-export-archive';
import { DataExportsService } from './export/data-exports.service';
import { PersonalDataResolver } from './personal-data.resolver';

/** The user's rights over their data: a copy of it (export) and the closing of their account (erasure). */
@Module({
  imports: [
    TypeOrmModule.forFeature([DataExport]),
    AccountsModule,
    BidsModule,
    IdentityModule,
    MissionsModule,
    NotificationsModule,
    PhotosModule,
    StorageModule,
  ],
  controllers: [DataExportsController],
  providers: [DataExportArchive, DataExportsService, AccountDeletionService, PersonalDataResolver],
  exports: [DataExportsService, AccountDeletionService],
})
export class PersonalDataModule {}
