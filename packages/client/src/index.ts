export * from './generated/graphql';
export { uploadIdentityDocument, type UploadedDocument } from './identity-documents';
export { createMarketplaceClient, type MarketplaceClientOptions } from './marketplace-client';
export { possibleTypes, typePolicies } from './type-policies';
