import { Transactions } from '@marketplace/database';
import { Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FranceConnectAttempt } from './franceconnect-attempt.entity';
import { FranceConnectLink } from './franceconnect-link.entity';
import { FranceConnectSession } from './franceconnect-session.entity';
import { FranceConnectSignInCode } from './franceconnect-sign-in-code.entity';

/** When the purge runs, and the instants the retention rules give (libs/retention). */
export interface FranceConnectPurgeCutoffs {
  now: Date;
  /** Attempts and sign-in codes that expired by then go. */
  expiredBefore: Date;
  /** The id_tokens of ended sign-ins begun by then go. */
  signInsBegunBefore: Date;
}

export interface PurgedFranceConnectRecords {
  attempts: number;
  signInCodes: number;
  sessions: number;
}

/** What FranceConnect sign-ins leave behind once it is of no use. */
@Injectable()
export class FranceConnectRecords {
  constructor(private readonly transactions: Transactions) {}

  /**
   * Deletes expired attempts, expired sign-in codes (an exchange deletes its code), and the
   * id_tokens kept for the logout of FranceConnect sign-ins that have ended (no live refresh token
   * left) and began before `signInsBegunBefore`.
   */
  purgeExpired({ now, expiredBefore, signInsBegunBefore }: FranceConnectPurgeCutoffs): Promise<PurgedFranceConnectRecords> {
    return this.transactions.run(async (manager) => {
      const expired = (entity: typeof FranceConnectAttempt | typeof FranceConnectSignInCode) =>
        manager.createQueryBuilder().delete().from(entity).where('expires_at <= :expiredBefore', { expiredBefore }).execute();
      const attempts = await expired(FranceConnectAttempt);
      const signInCodes = await expired(FranceConnectSignInCode);
      const sessions = await manager
        .createQueryBuilder()
        .delete()
        .from(FranceConnectSession)
        .where('created_at <= :signInsBegunBefore', { signInsBegunBefore })
        .andWhere(
          `NOT EXISTS (SELECT 1 FROM refresh_tokens t
                        WHERE t.family_id = franceconnect_sessions.session_id AND t.revoked_at IS NULL AND t.expires_at > :now)`,
          { now },
        )
        .execute();
      return { attempts: attempts.affected ?? 0, signInCodes: signInCodes.affected ?? 0, sessions: sessions.affected ?? 0 };
    });
  }
}

/** FranceConnect's tables and their purge, for the worker, which runs no sign-in (and starts no local provider). */
@Module({
  imports: [TypeOrmModule.forFeature([FranceConnectAttempt, FranceConnectLink, FranceConnectSession, FranceConnectSignInCode])],
  providers: [FranceConnectRecords],
  exports: [TypeOrmModule, FranceConnectRecords],
})
export class FranceConnectRecordsModule {}
