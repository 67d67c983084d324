export * from './documents/document-storage';
export * from './documents/identity-document.entity';
export * from './documents/identity-documents.service';
export * from './identity.module';
