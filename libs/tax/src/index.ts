export * from './tax-rates';
export * from './tax-obligations';
