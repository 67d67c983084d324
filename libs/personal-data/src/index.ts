export * from './data-export.entity';
export * from './deletion/account-deletion-rules';
export * from './deletion/account-deletion.service';
export * from './export/data-exports.service';
export * from './personal-data.module';
