import { Clock } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FranceConnectAttempt } from './franceconnect-attempt.entity';
import { FranceConnectLink } from './franceconnect-link.entity';
import { FranceConnectSession } from './franceconnect-session.entity';
import { FranceConnectSignInCode } from './franceconnect-sign-in-code.entity';

/** Longer than a FranceConnect session lasts (a working day): by then FranceConnect has ended its own, and its logout ends nothing. */
const ENDED_SESSION_RETENTION_MS = 24 * 3600_000;

export interface PurgedFranceConnectRecords {
  attempts: number;
  signInCodes: number;
  sessions: number;
}

/** What FranceConnect sign-ins leave behind once it is of no use. */
@Injectable()
export class FranceConnectRecords {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /**
   * Deletes expired attempts, expired sign-in codes (an exchange deletes its code), and the
   * id_tokens kept for the logout of FranceConnect sign-ins that have ended (no live refresh token
   * left) and began more than ENDED_SESSION_RETENTION_MS ago.
   */
  purgeExpired(): Promise<PurgedFranceConnectRecords> {
    const now = this.clock.now();
    return this.transactions.run(async (manager) => {
      const expired = (entity: typeof FranceConnectAttempt | typeof FranceConnectSignInCode) =>
        manager.createQueryBuilder().delete().from(entity).where('expires_at <= :now', { now }).execute();
      const attempts = await expired(FranceConnectAttempt);
      const signInCodes = await expired(FranceConnectSignInCode);
      const sessions = await manager
        .createQueryBuilder()
        .delete()
        .from(FranceConnectSession)
        .where('created_at <= :begunBefore', { begunBefore: new Date(now.getTime() - ENDED_SESSION_RETENTION_MS) })
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
