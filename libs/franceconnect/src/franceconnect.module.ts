import { AccountsModule } from '@marketplace/accounts';
import { IdentityModule } from '@marketplace/identity';
import { Module } from '@nestjs/common';
import { FranceConnectClient } from './franceconnect-client';
import { FranceConnectRecordsModule } from './franceconnect-records';
import { FranceConnectSignIns } from './franceconnect-sign-ins.service';
import { FranceConnectController } from './franceconnect.controller';
import { FranceConnectResolver } from './franceconnect.resolver';
import { FranceConnectPassport } from './franceconnect.strategy';

@Module({
  imports: [FranceConnectRecordsModule, AccountsModule, IdentityModule],
  controllers: [FranceConnectController],
  providers: [FranceConnectClient, FranceConnectSignIns, FranceConnectPassport, FranceConnectResolver],
})
export class FranceConnectModule {}
