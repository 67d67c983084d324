import { AccountsModule } from '@marketplace/accounts';
import { MissionsModule } from '@marketplace/missions';
import { RatingsModule } from '@marketplace/ratings';
import { Module } from '@nestjs/common';
import { CredentialKeys } from './credential-keys';
import { JwksController } from './jwks.controller';
import { ReputationCredentialsResolver } from './reputation-credentials.resolver';
import { ReputationCredentialsService } from './reputation-credentials.service';

/** Portable reputation: signed credentials of providers' published ratings, their verification, and the keys at /.well-known/jwks.json. */
@Module({
  imports: [AccountsModule, MissionsModule, RatingsModule],
  controllers: [JwksController],
  providers: [CredentialKeys, ReputationCredentialsService, ReputationCredentialsResolver],
})
export class ReputationCredentialsModule {}
