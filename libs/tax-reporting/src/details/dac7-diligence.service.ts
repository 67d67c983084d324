import { Clock, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { defineJob } from '@marketplace/jobs';
import { ModerationDecisionKind, ModerationDecisionsService } from '@marketplace/moderation-decisions';
import { ModerationLog } from '@marketplace/moderation-log';
import { NotificationKind, Notifier } from '@marketplace/notifications';
import { PayoutsService } from '@marketplace/payments';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Dac7Details } from './dac7-details.entity';
import { Dac7DetailsService, Dac7Field, Dac7Seller } from './dac7-details.service';

/** Daily: asks, reminds, holds and releases (see Dac7DiligenceService). */
export const DAC7_DILIGENCE = defineJob('tax-reporting:dac7-diligence', { cron: '23 4 * * *', maxAttempts: 5 });

const DAY_MS = 86_400_000;
/** Days after the first request: the first reminder, the second. */
export const DAC7_REMINDER_DAYS = [20, 40] as const;
/** CGI 1649 ter D: not less than 60 days after the request, and after two reminders. */
export const DAC7_HOLD_AFTER_DAYS = 60;

const FIELD_NAMES: Record<Dac7Field, string> = {
  LEGAL_NAME: 'nom légal (vérification d’identité) / legal name (identity verification)',
  DATE_OF_BIRTH: 'date de naissance (vérification d’identité) / date of birth (identity verification)',
  BIRTH_PLACE: 'lieu de naissance / place of birth',
  PRIMARY_ADDRESS: 'adresse (profil de facturation) / address (billing profile)',
  TAX_IDENTIFICATION_NUMBER: 'numéro fiscal / tax identification number',
  SIREN: 'SIRET (profil de prestataire) / SIRET (provider profile)',
};

const missingNamesOf = (seller: Dac7Seller) => seller.missing.map((field) => FIELD_NAMES[field]).join(', ');

/**
 * The DAC7 due diligence (CGI 1649 ter D): a provider paid through the platform whose data is
 * incomplete is asked for it (day 0), reminded twice, and has their payouts held once 60 days have
 * passed since the request; the day the data is complete the hold ends and held payouts go. Each
 * step is one run of the daily job, by the injected clock, and leaves its date in dac7_details
 * (the register of the diligence). A hold is an automated decision, logged in the moderation log.
 */
@Injectable()
export class Dac7DiligenceService {
  private readonly logger = new Logger(Dac7DiligenceService.name);

  constructor(
    @InjectRepository(Dac7Details) private readonly details: Repository<Dac7Details>,
    private readonly sellers: Dac7DetailsService,
    private readonly payouts: PayoutsService,
    private readonly notifier: Notifier,
    private readonly moderationLog: ModerationLog,
    private readonly decisions: ModerationDecisionsService,
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Whether (and why) the provider's payouts are held: the check payments runs before each transfer. */
  async holdReasonOf(providerId: string): Promise<string | null> {
    const details = await this.details.findOneBy({ userId: providerId });
    return details?.payoutsHeldAt ? 'DAC7 data missing after two reminders and 60 days' : null;
  }

  /** One step of the diligence for every provider with a payout whose data was not complete yet. */
  async run(): Promise<{ asked: number; reminded: number; held: number; released: number }> {
    const providers: { provider_id: string }[] = await this.details.query(
      `SELECT DISTINCT o.provider_id FROM payouts o
         LEFT JOIN dac7_details d ON d.user_id = o.provider_id
        WHERE d.completed_at IS NULL`,
    );
    const counts = { asked: 0, reminded: 0, held: 0, released: 0 };
    for (const { provider_id } of providers) {
      const step = await this.transactions.run((manager) => this.stepFor(manager, provider_id));
      if (step) counts[step]++;
    }
    this.logger.log({ msg: 'DAC7 due diligence', ...counts });
    return counts;
  }

  /** After the provider gave data: complete now, the diligence ends there (in the caller's transaction). */
  async afterUpdate(manager: EntityManager, providerId: string): Promise<void> {
    const details = await manager.findOne(Dac7Details, { where: { userId: providerId }, lock: { mode: 'pessimistic_write' } });
    if (details && !details.completedAt) {
      const seller = await this.sellers.sellerOf(providerId, manager);
      if (seller.missing.length === 0) await this.complete(manager, details);
    }
  }

  private async stepFor(
    manager: EntityManager,
    providerId: string,
  ): Promise<keyof Awaited<ReturnType<Dac7DiligenceService['run']>> | null> {
    await manager.createQueryBuilder().insert().into(Dac7Details).values({ userId: providerId }).orIgnore().execute();
    const details = await manager.findOneOrFail(Dac7Details, { where: { userId: providerId }, lock: { mode: 'pessimistic_write' } });
    if (details.completedAt) return null;
    const seller = await this.sellers.sellerOf(providerId, manager);
    if (seller.missing.length === 0) return (await this.complete(manager, details)) ? 'released' : null;
    const now = this.clock.now();
    if (!details.requestedAt) {
      await manager.update(Dac7Details, { userId: providerId }, { requestedAt: now });
      await this.tell(manager, NotificationKind.DAC7_DETAILS_REQUESTED, seller, now);
      return 'asked';
    }
    const days = (now.getTime() - details.requestedAt.getTime()) / DAY_MS;
    const reminderDue = DAC7_REMINDER_DAYS[details.remindersSent];
    if (reminderDue !== undefined && days >= reminderDue) {
      const reminder = details.remindersSent + 1;
      await manager.update(Dac7Details, { userId: providerId }, { remindersSent: reminder, lastRemindedAt: now });
      await this.tell(manager, NotificationKind.DAC7_DETAILS_REMINDER, seller, details.requestedAt, { reminder });
      return 'reminded';
    }
    if (reminderDue === undefined && days >= DAC7_HOLD_AFTER_DAYS && !details.payoutsHeldAt) {
      await this.holdPayouts(manager, seller);
      return 'held';
    }
    return null;
  }

  /**
   * THE place where a provider's payouts are held for missing DAC7 data: an automated decision,
   * logged in the moderation log (no moderator), with its statement of reasons.
   */
  private async holdPayouts(manager: EntityManager, seller: Dac7Seller): Promise<void> {
    const now = this.clock.now();
    const facts = `DAC7 data missing (${seller.missing.join(', ')}) after two reminders and ${DAC7_HOLD_AFTER_DAYS} days`;
    await manager.update(Dac7Details, { userId: seller.userId }, { payoutsHeldAt: now });
    await this.moderationLog.record(manager, {
      moderatorId: null,
      action: 'HOLD_PAYOUTS',
      targetId: seller.userId,
      reason: `Automated: ${facts}`,
    });
    await this.decisions.issue(manager, {
      userId: seller.userId,
      kind: ModerationDecisionKind.PAYOUT_HELD,
      facts,
      groundId: 'TAX_INFORMATION_MISSING',
      automated: true,
      targetType: 'USER',
      targetId: seller.userId,
      moderatorId: null,
      // The statement is the one notice of the hold: it names what is missing, as the reminders did.
      notice: { facts: { missing: missingNamesOf(seller) } },
    });
  }

  /**
   * A moderator reversed the hold on review: the held payouts go, and the diligence starts over
   * (a new request, two reminders, 60 days) rather than holding again at the next daily run.
   */
  async reverseHold(manager: EntityManager, providerId: string, reviewer: Viewer): Promise<void> {
    const details = await manager.findOne(Dac7Details, { where: { userId: providerId }, lock: { mode: 'pessimistic_write' } });
    if (!details?.payoutsHeldAt) return;
    await manager.update(Dac7Details, { userId: providerId }, { payoutsHeldAt: null, requestedAt: this.clock.now(), remindersSent: 0 });
    await this.moderationLog.record(manager, {
      moderatorId: reviewer.id,
      action: 'RELEASE_PAYOUTS',
      targetId: providerId,
      reason: 'Hold reversed on review; the DAC7 diligence starts over',
    });
    await this.payouts.releaseHeldPayoutsOf(manager, providerId);
  }

  /** The data is complete: the diligence ends; a hold is lifted and the held payouts go. True when payouts were held. */
  private async complete(manager: EntityManager, details: Dac7Details): Promise<boolean> {
    await manager.update(Dac7Details, { userId: details.userId }, { completedAt: this.clock.now(), payoutsHeldAt: null });
    if (!details.payoutsHeldAt) return false;
    await this.moderationLog.record(manager, {
      moderatorId: null,
      action: 'RELEASE_PAYOUTS',
      targetId: details.userId,
      reason: 'Automated: DAC7 data complete',
    });
    await this.payouts.releaseHeldPayoutsOf(manager, details.userId);
    await this.notifier.notify(manager, { userId: details.userId, kind: NotificationKind.DAC7_PAYOUTS_RELEASED });
    return true;
  }

  private tell(manager: EntityManager, kind: NotificationKind, seller: Dac7Seller, requestedAt: Date, facts: Record<string, number> = {}) {
    const holdOn = new Date(requestedAt.getTime() + DAC7_HOLD_AFTER_DAYS * DAY_MS).toISOString().slice(0, 10);
    return this.notifier.notify(manager, { userId: seller.userId, kind, facts: { missing: missingNamesOf(seller), holdOn, ...facts } });
  }
}
