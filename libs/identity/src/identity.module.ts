import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DocumentStorage } from './documents/document-storage';
import { IdentityDocument } from './documents/identity-document.entity';
import { IdentityDocumentsController } from './documents/identity-documents.controller';
import { IdentityDocumentsService } from './documents/identity-documents.service';
import { LocalDiskDocumentStorage } from './documents/local-disk-document-storage';

@Module({
  imports: [TypeOrmModule.forFeature([IdentityDocument])],
  controllers: [IdentityDocumentsController],
  providers: [
    IdentityDocumentsService,
    {
      provide: DocumentStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalDiskDocumentStorage(join(config.dataDir, 'documents')),
    },
  ],
  exports: [IdentityDocumentsService],
})
export class IdentityModule {}
