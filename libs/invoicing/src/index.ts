export * from './billing-profile/billing-profile.entity';
export * from './invoices/invoice-documents.service';
export * from './invoices/invoice.entity';
export * from './invoices/invoicing.service';
export * from './invoices/missing-invoice.entity';
export * from './invoicing.module';
export * from './mandate/billing-mandate.entity';
export * from './mandate/billing-mandate-text';
export { PLATFORM_ISSUER } from './documents/invoice-mentions';
