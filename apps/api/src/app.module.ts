import { ObservabilityModule } from '@marketplace/observability';
import { MarketplaceModule, MarketplaceModuleOptions } from '@marketplace/platform';
import { DynamicModule, Module } from '@nestjs/common';
import { Draining } from './draining';
import { HealthController } from './health.controller';

/** The marketplace, with what only the API process has: its health checks, its metrics and its draining on shutdown. */
@Module({})
export class AppModule {
  static forRoot(options: MarketplaceModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [MarketplaceModule.forRoot(options), ObservabilityModule],
      controllers: [HealthController],
      providers: [Draining],
    };
  }
}
