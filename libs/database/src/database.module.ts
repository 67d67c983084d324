import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MixedList } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { Transactions } from './transactions';

export interface DatabaseModuleOptions {
  url: string;
  /** Migration classes, in order; pending ones are applied when the connection opens, unless `runMigrations` is false. */
  migrations: MixedList<Function>;
  /** False: leave pending migrations to the release command (`npm run cli -- migrate`). Default true. */
  runMigrations?: boolean;
  poolSize?: number;
  logQueries?: boolean;
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: options.url,
          autoLoadEntities: true,
          synchronize: false,
          // gen_random_uuid() is built into PostgreSQL 13+: no extension needed for ids.
          uuidExtension: 'pgcrypto',
          migrations: options.migrations,
          migrationsRun: options.runMigrations ?? true,
          migrationsTransactionMode: 'each',
          namingStrategy: new SnakeNamingStrategy(),
          // Failed queries are logged once, with the request id, by the error handlers.
          logging: options.logQueries ? ['query', 'error'] : false,
          extra: { max: options.poolSize ?? 10, application_name: 'marketplace' },
        }),
      ],
      providers: [Transactions],
      exports: [Transactions],
    };
  }
}
