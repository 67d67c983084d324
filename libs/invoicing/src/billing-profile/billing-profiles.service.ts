import { Viewer } from '@marketplace/common';
import { isValidSiren } from '@marketplace/providers';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UpdateBillingProfileInput } from '../dto/update-billing-profile.input';
import { InvalidSirenError } from '../invoicing.errors';
import { BillingProfile } from './billing-profile.entity';

@Injectable()
export class BillingProfilesService {
  constructor(@InjectRepository(BillingProfile) private readonly profiles: Repository<BillingProfile>) {}

  /** Replaces the viewer's billing profile; BAD_USER_INPUT (and nothing written) for an invalid SIREN. */
  async update(viewer: Viewer, input: UpdateBillingProfileInput): Promise<BillingProfile> {
    if (input.business && !isValidSiren(input.business.siren)) throw new InvalidSirenError();
    const profile = {
      userId: viewer.id,
      fullName: input.fullName,
      addressLine: input.addressLine,
      postcode: input.postcode,
      city: input.city,
      companyName: input.business?.companyName ?? null,
      siren: input.business?.siren ?? null,
    };
    await this.profiles.upsert(profile, { conflictPaths: ['userId'] });
    return this.profiles.findOneByOrFail({ userId: viewer.id });
  }

  of(manager: EntityManager, userId: string): Promise<BillingProfile | null> {
    return manager.findOneBy(BillingProfile, { userId });
  }

  findOf(userId: string): Promise<BillingProfile | null> {
    return this.profiles.findOneBy({ userId });
  }
}
