import { IdentityModule } from '@marketplace/identity';
import { MissionsModule } from '@marketplace/missions';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PriceCell } from './price-cell.entity';
import { MissionPriceInsightResolver, PriceInsightResolver } from './price-insight.resolver';
import { PriceInsightService } from './price-insight.service';

@Module({
  imports: [TypeOrmModule.forFeature([PriceCell]), MissionsModule, IdentityModule],
  providers: [PriceInsightService, PriceInsightResolver, MissionPriceInsightResolver],
  exports: [PriceInsightService],
})
export class PriceInsightModule {}
