export * from './database.module';
export * from './embedded-postgres';
export * from './snake-naming.strategy';
export * from './transactions';
export * from './database-location';
export * from './page-by-time';
export * from './entity-columns';
export * from './statement-counter';
