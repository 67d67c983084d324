import { AccountsModule } from '@marketplace/accounts';
import { BidsModule } from '@marketplace/bids';
import { AccessTokenVerifier, Clock } from '@marketplace/common';
import { AppConfig } from '@marketplace/config';
import { ConversationsModule } from '@marketplace/conversations';
import { EarningsModule } from '@marketplace/earnings';
import { FranceConnectModule } from '@marketplace/franceconnect';
import { IdentityModule } from '@marketplace/identity';
import { InvoicingModule } from '@marketplace/invoicing';
import { MissionsModule } from '@marketplace/missions';
import { ModerationModule } from '@marketplace/moderation';
import { ModerationDecisionsModule } from '@marketplace/moderation-decisions';
import { ModerationLogModule } from '@marketplace/moderation-log';
import { NotificationsModule } from '@marketplace/notifications';
import { PaymentsModule } from '@marketplace/payments';
import { PersonalDataModule } from '@marketplace/personal-data';
import { PhotosModule } from '@marketplace/photos';
import { PriceInsightModule } from '@marketplace/price-insight';
import { ProvidersModule } from '@marketplace/providers';
import { RatingsModule } from '@marketplace/ratings';
import { RealtimeModule } from '@marketplace/realtime';
import { ReputationCredentialsModule } from '@marketplace/reputation-credentials';
import { TaxModule } from '@marketplace/tax';
import { TaxReportingModule } from '@marketplace/tax-reporting';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { graphqlOptions } from './graphql.options';
import { infrastructureModules } from './infrastructure';
import { WorkerModule } from './jobs/worker.module';

export interface MarketplaceModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Also register the job handlers (the embedded default runs the worker in-process). */
  withWorker: boolean;
}

/**
 * Every domain on its infrastructure, with the GraphQL schema they make: what the API serves, and
 * what the CLI runs its commands in (the schema it emits is the API's own).
 */
@Module({})
export class MarketplaceModule {
  static forRoot({ config, databaseUrl, withWorker }: MarketplaceModuleOptions): DynamicModule {
    return {
      module: MarketplaceModule,
      imports: [
        ...infrastructureModules(config, databaseUrl),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AccountsModule],
          inject: [AccessTokenVerifier, Clock],
          useFactory: (tokens: AccessTokenVerifier, clock: Clock) => graphqlOptions(config, { tokens, clock }),
        }),
        AccountsModule,
        RealtimeModule,
        NotificationsModule,
        IdentityModule,
        PhotosModule,
        MissionsModule,
        ProvidersModule,
        BidsModule,
        PaymentsModule,
        RatingsModule,
        InvoicingModule,
        EarningsModule,
        ModerationLogModule,
        ModerationDecisionsModule,
        ConversationsModule,
        ModerationModule,
        TaxModule,
        TaxReportingModule,
        PriceInsightModule,
        FranceConnectModule,
        PersonalDataModule,
        ReputationCredentialsModule,
        ...(withWorker ? [WorkerModule] : []),
      ],
    };
  }
}
