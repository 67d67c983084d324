import { Viewer } from '@marketplace/common';
import { Transactions } from '@marketplace/database';
import { IdentityVerificationsService } from '@marketplace/identity';
import { BillingProfilesService } from '@marketplace/invoicing';
import { ProvidersService, sirenOf } from '@marketplace/providers';
import { TaxProfilesService } from '@marketplace/tax';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UpdateReportingDetailsInput } from '../dto/update-reporting-details.input';
import { InvalidBirthPlaceError, InvalidTaxIdentificationNumberError } from '../tax-reporting.errors';
import { Dac7Details } from './dac7-details.entity';
import { isValidNumeroFiscal, normalizeNumeroFiscal } from './numero-fiscal';

/** What a DAC7 report says of a provider, and where each part comes from. */
export enum Dac7Field {
  /** Identity verification. */
  LEGAL_NAME = 'LEGAL_NAME',
  /** Identity verification. */
  DATE_OF_BIRTH = 'DATE_OF_BIRTH',
  /** updateReportingDetails. */
  BIRTH_PLACE = 'BIRTH_PLACE',
  /** The billing profile. */
  PRIMARY_ADDRESS = 'PRIMARY_ADDRESS',
  /** updateReportingDetails. */
  TAX_IDENTIFICATION_NUMBER = 'TAX_IDENTIFICATION_NUMBER',
  /** The provider profile's SIRET. */
  SIREN = 'SIREN',
}

export interface Dac7Seller {
  userId: string;
  legalName: string | null;
  /** The legal name split at its last space: DAC7 names the first and the last name apart. */
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  birthCity: string | null;
  birthCountryCode: string | null;
  address: { line: string; postcode: string; city: string; countryCode: string } | null;
  taxIdentificationNumber: string | null;
  siren: string | null;
  vatNumber: string | null;
  /** The Stripe connected account payouts go to: the financial account the platform knows. */
  payoutAccountId: string | null;
  missing: Dac7Field[];
}

/**
 * A provider's DAC7 data, read where the platform already holds it (never asked twice), and the
 * few fields it does not hold, which the provider gives through updateReportingDetails.
 */
@Injectable()
export class Dac7DetailsService {
  constructor(
    private readonly identity: IdentityVerificationsService,
    private readonly billingProfiles: BillingProfilesService,
    private readonly providers: ProvidersService,
    private readonly taxProfiles: TaxProfilesService,
    private readonly transactions: Transactions,
    @InjectRepository(Dac7Details) private readonly details: Repository<Dac7Details>,
  ) {}

  async sellerOf(userId: string, manager?: EntityManager): Promise<Dac7Seller> {
    const [verified, billing, profile, taxProfile, own] = await Promise.all([
      this.identity.latestApprovedFor(userId),
      this.billingProfiles.findOf(userId),
      this.providers.findByUserId(userId),
      this.taxProfiles.findFor(userId),
      (manager ?? this.details.manager).findOneBy(Dac7Details, { userId }),
    ]);
    const legalName = verified?.legalName ?? null;
    const split = legalName ? splitName(legalName) : null;
    const seller: Omit<Dac7Seller, 'missing'> = {
      userId,
      legalName,
      firstName: split?.firstName ?? null,
      lastName: split?.lastName ?? null,
      dateOfBirth: verified?.dateOfBirth ?? null,
      birthCity: own?.birthCity ?? null,
      birthCountryCode: own?.birthCountryCode ?? null,
      address: billing ? { line: billing.addressLine, postcode: billing.postcode, city: billing.city, countryCode: 'FR' } : null,
      taxIdentificationNumber: own?.taxIdentificationNumber ?? null,
      siren: profile?.siret ? sirenOf(profile.siret) : null,
      vatNumber: taxProfile?.vatNumber ?? null,
      payoutAccountId: profile?.stripeAccountId ?? null,
    };
    return { ...seller, missing: missingOf(seller) };
  }

  /** Only the fields given change; BAD_USER_INPUT, and nothing written, for a malformed one. */
  async update(
    viewer: Viewer,
    input: UpdateReportingDetailsInput,
    onSaved: (manager: EntityManager) => Promise<void>,
  ): Promise<Dac7Seller> {
    const changes: Partial<Dac7Details> = {};
    if (input.taxIdentificationNumber != null) {
      const value = normalizeNumeroFiscal(input.taxIdentificationNumber);
      if (!isValidNumeroFiscal(value)) throw new InvalidTaxIdentificationNumberError();
      changes.taxIdentificationNumber = value;
    }
    if (input.birthCity != null) {
      const city = input.birthCity.trim();
      if (city.length === 0 || city.length > 100) throw new InvalidBirthPlaceError('birthCity', 'must be 1 to 100 characters');
      changes.birthCity = city;
    }
    if (input.birthCountryCode != null) {
      const code = input.birthCountryCode.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(code)) throw new InvalidBirthPlaceError('birthCountryCode', 'must be an ISO 3166-1 alpha-2 code, e.g. FR');
      changes.birthCountryCode = code;
    }
    await this.transactions.run(async (manager) => {
      await manager.upsert(Dac7Details, { userId: viewer.id, ...changes }, { conflictPaths: ['userId'] });
      await onSaved(manager);
    });
    return this.sellerOf(viewer.id);
  }
}

function splitName(legalName: string): { firstName: string; lastName: string } {
  const name = legalName.trim();
  const cut = name.lastIndexOf(' ');
  return cut < 0 ? { firstName: name, lastName: name } : { firstName: name.slice(0, cut), lastName: name.slice(cut + 1) };
}

function missingOf(seller: Omit<Dac7Seller, 'missing'>): Dac7Field[] {
  const present: Record<Dac7Field, boolean> = {
    [Dac7Field.LEGAL_NAME]: seller.legalName !== null,
    [Dac7Field.DATE_OF_BIRTH]: seller.dateOfBirth !== null,
    [Dac7Field.BIRTH_PLACE]: seller.birthCity !== null && seller.birthCountryCode !== null,
    [Dac7Field.PRIMARY_ADDRESS]: seller.address !== null,
    [Dac7Field.TAX_IDENTIFICATION_NUMBER]: seller.taxIdentificationNumber !== null,
    [Dac7Field.SIREN]: seller.siren !== null,
  };
  return Object.values(Dac7Field).filter((field) => !present[field]);
}
