import { AccountsModule } from '@marketplace/accounts';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MissionEvents } from './mission-events';
import { Mission } from './mission.entity';
import { MissionResolver } from './mission.resolver';
import { MissionsLoader } from './missions.loader';
import { MissionsService } from './missions.service';
import { UserContactResolver } from './user-contact.resolver';

@Module({
  imports: [TypeOrmModule.forFeature([Mission]), AccountsModule],
  providers: [MissionsService, MissionEvents, MissionsLoader, MissionResolver, UserContactResolver],
  exports: [MissionsService, MissionEvents, MissionsLoader],
})
export class MissionsModule {}
