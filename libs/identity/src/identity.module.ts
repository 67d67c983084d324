import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DocumentStorage } from './documents/document-storage';
import { DocumentUploadQuota } from './documents/document-upload-quota';
import { IdentityDocument } from './documents/identity-document.entity';
import { IdentityDocumentUpload } from './documents/identity-document-upload.entity';
import { IdentityDocumentsController } from './documents/identity-documents.controller';
import { IdentityDocumentsService } from './documents/identity-documents.service';
import { LocalDiskDocumentStorage } from './documents/local-disk-document-storage';
import { S3DocumentStorage } from './documents/s3-document-storage';
import { IdentityVerification } from './verification/identity-verification.entity';
import {
  IdentityDocumentResolver,
  IdentityVerificationResolver,
  UserIdentityResolver,
} from './verification/identity-verification.resolver';
import { IdentityVerificationsService } from './verification/identity-verifications.service';
import { AccountsModule } from '@marketplace/accounts';
import { ModerationLogModule } from '@marketplace/moderation-log';

@Module({
  imports: [
    TypeOrmModule.forFeature([IdentityDocument, IdentityDocumentUpload, IdentityVerification]),
    AccountsModule,
    ModerationLogModule,
  ],
  controllers: [IdentityDocumentsController],
  providers: [
    IdentityDocumentsService,
    DocumentUploadQuota,
    IdentityVerificationsService,
    IdentityVerificationResolver,
    IdentityDocumentResolver,
    UserIdentityResolver,
    {
      provide: DocumentStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): DocumentStorage =>
        config.documentStorage.kind === 's3'
          ? new S3DocumentStorage(config.documentStorage)
          : new LocalDiskDocumentStorage(join(config.dataDir, 'documents')),
    },
  ],
  // DocumentStorage: invoices are kept in the same storage (until it moves to a library of its own).
  exports: [IdentityDocumentsService, IdentityVerificationsService, DocumentStorage],
})
export class IdentityModule implements OnModuleInit {
  constructor(
    private readonly nodes: NodeSources,
    private readonly verifications: IdentityVerificationsService,
  ) {}

  onModuleInit(): void {
    this.nodes.register({
      typeName: 'IdentityVerification',
      visibleByIds: (viewer, ids) => this.verifications.findVisibleByIds(viewer, ids),
    });
    this.nodes.register({
      typeName: 'IdentityDocument',
      visibleByIds: (viewer, ids) => this.verifications.documentsVisibleTo(viewer, ids),
    });
  }
}
