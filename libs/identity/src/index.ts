export * from './documents/identity-document.entity';
export * from './documents/identity-documents.service';
export * from './identity.module';
export * from './identity.errors';
export * from './verification/identity-verification.entity';
export * from './verification/identity-verification.type';
export * from './verification/identity-verifications.service';
export { isAdult } from './verification/date-of-birth';
