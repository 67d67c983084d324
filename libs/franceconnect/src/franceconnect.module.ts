import { AccountsModule } from '@marketplace/accounts';
import { IdentityModule } from '@marketplace/identity';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FranceConnectAttempt } from './franceconnect-attempt.entity';
import { FranceConnectClient } from './franceconnect-client';
import { FranceConnectLink } from './franceconnect-link.entity';
import { FranceConnectSession } from './franceconnect-session.entity';
import { FranceConnectSignInCode } from './franceconnect-sign-in-code.entity';
import { FranceConnectSignIns } from './franceconnect-sign-ins.service';
import { FranceConnectController } from './franceconnect.controller';
import { FranceConnectResolver } from './franceconnect.resolver';
import { FranceConnectPassport } from './franceconnect.strategy';

@Module({
  imports: [
    TypeOrmModule.forFeature([FranceConnectAttempt, FranceConnectLink, FranceConnectSession, FranceConnectSignInCode]),
    AccountsModule,
    IdentityModule,
  ],
  controllers: [FranceConnectController],
  providers: [FranceConnectClient, FranceConnectSignIns, FranceConnectPassport, FranceConnectResolver],
})
export class FranceConnectModule {}
