import { NodeSources } from '@marketplace/common';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentUploadQuota } from './documents/document-upload-quota';
import { IdentityDocument } from './documents/identity-document.entity';
import { IdentityDocumentUpload } from './documents/identity-document-upload.entity';
import { IdentityDocumentsController } from './documents/identity-documents.controller';
import { IdentityDocumentsService } from './documents/identity-documents.service';
import { IdentityVerification } from './verification/identity-verification.entity';
import {
  IdentityDocumentResolver,
  IdentityVerificationResolver,
  UserIdentityResolver,
} from './verification/identity-verification.resolver';
import { IdentityVerificationsService } from './verification/identity-verifications.service';
import { AccountsModule } from '@marketplace/accounts';
import { ModerationDecisionsModule } from '@marketplace/moderation-decisions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { StorageModule } from '@marketplace/storage';

@Module({
  imports: [
    TypeOrmModule.forFeature([IdentityDocument, IdentityDocumentUpload, IdentityVerification]),
    AccountsModule,
    ModerationLogModule,
    ModerationDecisionsModule,
    NotificationsModule,
    StorageModule,
  ],
  controllers: [IdentityDocumentsController],
  providers: [
    IdentityDocumentsService,
    DocumentUploadQuota,
    IdentityVerificationsService,
    IdentityVerificationResolver,
    IdentityDocumentResolver,
    UserIdentityResolver,
  ],
  exports: [IdentityDocumentsService, IdentityVerificationsService],
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
