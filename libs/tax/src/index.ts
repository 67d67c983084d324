export * from './tax-rates';
export * from './tax.module';
export * from './tax-year';
export * from './profile/tax-profile.entity';
export * from './profile/tax-profiles.service';
export * from './profile/vat-number';
export * from './thresholds/threshold-rules';
export * from './thresholds/thresholds.service';
