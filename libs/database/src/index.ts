export * from './database.module';
export * from './snake-naming.strategy';
export * from './transactions';
export * from './delete-batch';
export * from './page-by-time';
export * from './entity-columns';
