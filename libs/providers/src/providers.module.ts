import { AccountsModule } from '@marketplace/accounts';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderProfile } from './provider-profile.entity';
import { ProviderProfileResolver, UserProviderProfileResolver } from './provider-profile.resolver';
import { ProvidersService } from './providers.service';

@Module({
  imports: [TypeOrmModule.forFeature([ProviderProfile]), AccountsModule],
  providers: [ProvidersService, ProviderProfileResolver, UserProviderProfileResolver],
  exports: [ProvidersService],
})
export class ProvidersModule {}
