import { Clock, Viewer } from '@marketplace/common';
import { AppConfig, APP_CONFIG } from '@marketplace/config';
import { Transactions } from '@marketplace/database';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { NoMandateInForceError, UnknownMandateVersionError } from '../invoicing.errors';
import { BillingMandate } from './billing-mandate.entity';
import { billingMandateOffered, BillingMandateVersion } from './billing-mandate-text';

/** Providers accept the current mandate text (and may revoke it); invoices are issued only under one in force. */
@Injectable()
export class BillingMandatesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The text offered now, with the contest window configured (INVOICE_CONTEST_DAYS). */
  current(): BillingMandateVersion {
    return billingMandateOffered(this.config.invoiceContestDays);
  }

  /**
   * Records the acceptance (time, version, IP). Accepting the version already in force changes
   * nothing; accepting another ends the one in force and starts this one. Only the text offered
   * now is accepted, and its contest window is recorded with it: it binds every invoice issued under it.
   */
  async accept(viewer: Viewer, version: string, ip: string): Promise<BillingMandate> {
    const offered = this.current();
    if (version !== offered.version) throw new UnknownMandateVersionError(offered.version);
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      await manager.query(`UPDATE billing_mandates SET revoked_at = $3 WHERE provider_id = $1 AND revoked_at IS NULL AND version <> $2`, [
        viewer.id,
        version,
        now,
      ]);
      await manager.query(
        `INSERT INTO billing_mandates (provider_id, version, accepted_at, accepted_from_ip, contest_days) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (provider_id) WHERE revoked_at IS NULL DO NOTHING`,
        [viewer.id, version, now, ip, offered.contestDays],
      );
      return manager.findOneByOrFail(BillingMandate, { providerId: viewer.id, revokedAt: IsNull() });
    });
  }

  /** Later completions get no invoice from the platform. CONFLICT without a mandate in force. */
  async revoke(viewer: Viewer): Promise<BillingMandate> {
    return this.transactions.run(async (manager) => {
      const rows: { id: string }[] = await manager.query(
        `WITH revoked AS (UPDATE billing_mandates SET revoked_at = $2 WHERE provider_id = $1 AND revoked_at IS NULL RETURNING id)
         SELECT id FROM revoked`,
        [viewer.id, this.clock.now()],
      );
      if (rows.length === 0) throw new NoMandateInForceError();
      return manager.findOneByOrFail(BillingMandate, { id: rows[0].id });
    });
  }

  /** The provider's mandate in force, read under the caller's transaction (a revocation committed first is seen). */
  inForce(manager: EntityManager, providerId: string): Promise<BillingMandate | null> {
    return manager.findOneBy(BillingMandate, { providerId, revokedAt: IsNull() });
  }
}
