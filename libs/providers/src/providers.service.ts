import { AccountsService } from '@marketplace/accounts';
import { Role, Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { ProviderProfileInput } from './dto/provider-profile.input';
import { ProviderProfile } from './provider-profile.entity';
import { InvalidSiretError } from './providers.errors';
import { isValidSiret, normalizeSiret } from './siret';

/** Provider profiles: creating one makes the user a PROVIDER. */
@Injectable()
export class ProvidersService {
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
      city: serviceArea.city,
      postcode: serviceArea.postcode.toUpperCase(),
      latitude: serviceArea.latitude,
      longitude: serviceArea.longitude,
      radiusKm: serviceArea.radiusKm,
      hourlyRateCents: input.hourlyRateCents ?? null,
      siret,
    };
    return this.transactions.run(async (manager) => {
      await manager.upsert(ProviderProfile, profile, { conflictPaths: ['userId'] });
      await this.accounts.addRole(manager, viewer.id, Role.PROVIDER);
      return manager.findOneByOrFail(ProviderProfile, { userId: viewer.id });
    });
  }

  /** The profile of each user (or null), in the order asked. */
  async profilesOf(userIds: readonly string[]): Promise<(ProviderProfile | null)[]> {
    const profiles = new Map((await this.profiles.findBy({ userId: In([...userIds]) })).map((profile) => [profile.userId, profile]));
    return userIds.map((userId) => profiles.get(userId) ?? null);
  }
}
