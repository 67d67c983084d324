import { AccountsService } from '@marketplace/accounts';
import { Role, Viewer } from '@marketplace/common';
import { placeColumns } from '@marketplace/missions';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { ProviderProfileInput } from './dto/provider-profile.input';
import { ProviderProfile } from './provider-profile.entity';
import { InvalidSiretError } from './providers.errors';
import { isValidSiret, normalizeSiret } from './siret';

/** Told in the transaction that saved a provider's profile (invoicing: the fee invoices waiting for a SIRET). */
export type ProfileSavedListener = (manager: EntityManager, providerId: string) => Promise<void>;

/** Provider profiles: creating one makes the user a PROVIDER. */
@Injectable()
export class ProvidersService {
  private readonly savedListeners: ProfileSavedListener[] = [];

  constructor(
    @InjectRepository(ProviderProfile) private readonly profiles: Repository<ProviderProfile>,
    private readonly accounts: AccountsService,
    private readonly transactions: Transactions,
  ) {}

  /** Creates or replaces the viewer's profile; payout settings are kept. */
  async upsert(viewer: Viewer, input: ProviderProfileInput): Promise<ProviderProfile> {
    const siret = input.siret ? normalizeSiret(input.siret) : null;
    if (siret !== null && !isValidSiret(siret)) throw new InvalidSiretError();
    const { serviceArea } = input;
    const profile = {
      userId: viewer.id,
      headline: input.headline,
      bio: input.bio || null,
      categories: input.categories,
      ...placeColumns(serviceArea),
      radiusKm: serviceArea.radiusKm,
      hourlyRateCents: input.hourlyRateCents ?? null,
      siret,
    };
    return this.transactions.run(async (manager) => {
      await manager.upsert(ProviderProfile, profile, { conflictPaths: ['userId'] });
      await this.accounts.addRole(manager, viewer.id, Role.PROVIDER);
      for (const listener of this.savedListeners) await listener(manager, viewer.id);
      return manager.findOneByOrFail(ProviderProfile, { userId: viewer.id });
    });
  }

  /** Libraries higher in the dependency order subscribe when their module starts; providers never imports them. */
  onProfileSaved(listener: ProfileSavedListener): void {
    this.savedListeners.push(listener);
  }

  findByUserId(userId: string): Promise<ProviderProfile | null> {
    return this.profiles.findOneBy({ userId });
  }

  /** The provider's profile, read in the caller's transaction. */
  findIn(manager: EntityManager, userId: string): Promise<ProviderProfile | null> {
    return manager.findOneBy(ProviderProfile, { userId });
  }

  findByStripeAccount(manager: EntityManager, stripeAccountId: string): Promise<ProviderProfile | null> {
    return manager.findOneBy(ProviderProfile, { stripeAccountId });
  }

  /** Records the provider's Stripe account, once: false when one is recorded already. */
  async attachStripeAccount(userId: string, stripeAccountId: string): Promise<boolean> {
    const attached = await this.profiles
      .createQueryBuilder()
      .update()
      .set({ stripeAccountId })
      .where('user_id = :userId AND stripe_account_id IS NULL', { userId })
      .execute();
    return attached.affected === 1;
  }

  /**
   * Applies what Stripe says of an account's ability to receive transfers, unless a newer event
   * already did. Returns the provider whose status changed, or null.
   */
  async recordPayoutAbility(manager: EntityManager, stripeAccountId: string, payoutsEnabled: boolean, asOf: Date): Promise<string | null> {
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const rows: { user_id: string }[] = await manager.query(
      `WITH updated AS (
         UPDATE provider_profiles SET payouts_enabled = $2, payout_status_as_of = $3, updated_at = now()
          WHERE stripe_account_id = $1 AND (payout_status_as_of IS NULL OR payout_status_as_of <= $3)
          RETURNING user_id)
       SELECT user_id FROM updated`,
      [stripeAccountId, payoutsEnabled, asOf],
    );
    return rows[0]?.user_id ?? null;
  }

  /** The profile of each user (or null), in the order asked. */
  async profilesOf(userIds: readonly string[]): Promise<(ProviderProfile | null)[]> {
    const profiles = new Map((await this.profiles.findBy({ userId: In([...userIds]) })).map((profile) => [profile.userId, profile]));
    return userIds.map((userId) => profiles.get(userId) ?? null);
  }
}
