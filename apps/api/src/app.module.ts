import { AccountsModule } from '@marketplace/accounts';
import { BidsModule } from '@marketplace/bids';
import { IdentityModule } from '@marketplace/identity';
import { MissionsModule } from '@marketplace/missions';
import { PaymentsModule } from '@marketplace/payments';
import { RatingsModule } from '@marketplace/ratings';
import { ProvidersModule } from '@marketplace/providers';
import { ModerationModule } from '@marketplace/moderation';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { AppConfig } from '@marketplace/config';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { infrastructureModules } from '../../worker/src/infrastructure';
import { WorkerModule } from '../../worker/src/worker.module';
import { graphqlOptions } from './graphql.options';
import { Draining } from './draining';
import { HealthController } from './health.controller';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Also register the job handlers (the embedded default runs the worker in-process). */
  withWorker: boolean;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, withWorker }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...infrastructureModules(config, databaseUrl),
        GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
        AccountsModule,
        IdentityModule,
        MissionsModule,
        ProvidersModule,
        BidsModule,
        PaymentsModule,
        RatingsModule,
        ModerationLogModule,
        ModerationModule,
        ...(withWorker ? [WorkerModule] : []),
      ],
      controllers: [HealthController],
      providers: [Draining],
    };
  }
}
