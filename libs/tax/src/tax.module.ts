import { AccountsModule } from '@marketplace/accounts';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TaxProfile } from './profile/tax-profile.entity';
import { TaxProfilesService } from './profile/tax-profiles.service';
import { TaxProfileResolver, UserTaxProfileResolver } from './tax.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([TaxProfile]), AccountsModule],
  providers: [TaxProfilesService, TaxProfileResolver, UserTaxProfileResolver],
  exports: [TaxProfilesService],
})
export class TaxModule {}
