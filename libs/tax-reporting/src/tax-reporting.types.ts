import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActivityType } from '@marketplace/tax';
import { Dac7Field } from './details/dac7-details.service';

registerEnumType(Dac7Field, {
  name: 'Dac7Field',
  description: 'A piece of what the DAC7 report says of a provider, and where it comes from.',
  valuesMap: {
    LEGAL_NAME: { description: 'From identity verification (submitIdentityVerification, once approved).' },
    DATE_OF_BIRTH: { description: 'From identity verification (submitIdentityVerification, once approved).' },
    BIRTH_PLACE: { description: 'The town and country of birth: updateReportingDetails.' },
    PRIMARY_ADDRESS: { description: 'From the billing profile (updateBillingProfile).' },
    TAX_IDENTIFICATION_NUMBER: { description: 'The numéro fiscal: updateReportingDetails.' },
    SIREN: { description: "From the provider profile's SIRET (upsertProviderProfile)." },
  },
});

@ObjectType('ReportingAddress', { description: "The provider's primary address, from their billing profile." })
export class ReportingAddressType {
  @Field({ description: 'Street and number.' }) line!: string;
  @Field({ description: 'The postcode.' }) postcode!: string;
  @Field({ description: 'The town.' }) city!: string;
  @Field({ description: 'ISO 3166-1 alpha-2.' }) countryCode!: string;
}

@ObjectType('ReportingDetails', {
  description:
    'What the DAC7 report will say of the provider, read where the platform holds it; `missing` lists what is not there yet (payouts are held 60 days after the first request, two reminders later, while anything is missing).',
})
export class ReportingDetailsType {
  @Field(() => String, { nullable: true, description: 'From the approved identity verification.' }) legalName!: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, from the approved identity verification.' }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true, description: 'The town of birth (updateReportingDetails).' }) birthCity!: string | null;
  @Field(() => String, { nullable: true, description: 'The country of birth, ISO 3166-1 alpha-2 (updateReportingDetails).' })
  birthCountryCode!: string | null;
  @Field(() => ReportingAddressType, { nullable: true, description: 'From the billing profile.' }) address!: ReportingAddressType | null;
  @Field(() => String, { nullable: true, description: 'The numéro fiscal.' }) taxIdentificationNumber!: string | null;
  @Field(() => String, { nullable: true, description: "The first 9 digits of the provider profile's SIRET." }) siren!: string | null;
  @Field(() => String, { nullable: true, description: 'From the tax profile, when the provider is liable to VAT.' }) vatNumber!:
    string | null;
  @Field(() => [Dac7Field], { description: 'What the report needs and the platform does not hold yet; empty when complete.' })
  missing!: Dac7Field[];
}

@ObjectType('Dac7Quarter', { description: 'One quarter of the year, as the DAC7 report says it (1649 ter A II 3°).' })
export class Dac7QuarterType {
  @Field(() => Int, { description: '1 to 4 (Paris calendar).' }) quarter!: number;
  @Field(() => Int, { description: 'Paid for missions in the quarter, before the fee (the ledger, to the cent).' })
  considerationCents!: number;
  @Field(() => Int, { description: 'As the report says it: whole euros, rounded half up.' }) considerationEuros!: number;
  @Field(() => Int, { description: "The platform's fees withheld." }) feesCents!: number;
  @Field(() => Int, { description: 'As the report says it: whole euros.' }) feesEuros!: number;
  @Field(() => Int, { description: 'Taxes withheld by the platform (none while URSSAF withholding is off).' }) taxesCents!: number;
  @Field(() => Int, { description: 'As the report says it: whole euros.' }) taxesEuros!: number;
  @Field(() => Int, { description: 'Missions paid out in the quarter.' }) activities!: number;
}

@ObjectType('Dac7Statement', {
  description: 'What the DAC7 report of a year says of the provider: the same data and the same numbers as the XML filed.',
})
export class Dac7StatementType {
  @Field(() => Int, { description: 'The calendar year reported.' }) year!: number;
  @Field({ description: 'Whether the provider is in the report (paid in the year, data complete).' }) reported!: boolean;
  @Field(() => ReportingDetailsType, { description: 'What the report says of the provider.' }) details!: ReportingDetailsType;
  @Field(() => [Dac7QuarterType], { description: 'The four quarters.' }) quarters!: Dac7QuarterType[];
}

@ObjectType('OfficialLink', { description: "A link to an administration's site." })
export class OfficialLinkType {
  @Field({ description: 'The address.' }) url!: string;
  @Field({ description: 'What it is, in French.' }) labelFr!: string;
  @Field({ description: 'What it is, in English.' }) labelEn!: string;
}

@ObjectType('TaxObligations', {
  description:
    'The information on tax and social obligations CGI art. 242 bis requires with every transaction, versioned, in French and English.',
})
export class TaxObligationsType {
  @Field({ description: 'The version of the text and links (a date): a change is a new version.' }) version!: string;
  @Field({ description: 'The information, in French.' }) french!: string;
  @Field({ description: 'The information, in English.' }) english!: string;
  @Field(() => [OfficialLinkType], {
    description: 'The official sites: impots.gouv.fr, urssaf.fr, autoentrepreneur.urssaf.fr, service-public.fr.',
  })
  links!: OfficialLinkType[];
}

@ObjectType('UrssafDeclarationLine', { description: 'The declaration under one activity type.' })
export class UrssafDeclarationLineType {
  @Field(() => ActivityType, { description: "The activity type of the provider's tax profile." }) activityType!: ActivityType;
  @Field(() => Int, { description: 'Missions paid out in the period.' }) missions!: number;
  @Field(() => Int, { description: 'Turnover received through the platform in the period (the ledger, to the cent).' })
  turnoverCents!: number;
  @Field(() => Int, { description: 'Basis points (1 % = 100), from the year’s row of the rates table.' })
  contributionRateBasisPoints!: number;
  @Field(() => Int, { description: 'The social contributions, rounded half up to the cent.' }) contributionsCents!: number;
  @Field(() => Int, { nullable: true, description: 'Null without the versement libératoire option.' }) incomeTaxRateBasisPoints!:
    number | null;
  @Field(() => Int, { description: 'The income tax under the versement libératoire (0 without the option).' }) incomeTaxCents!: number;
  @Field(() => Int, { description: 'The training contribution (CFP).' }) trainingRateBasisPoints!: number;
  @Field(() => Int, { description: 'The training contribution (CFP), rounded half up to the cent.' }) trainingCents!: number;
  @Field(() => Int, { description: 'What the provider pays for this line.' }) totalCents!: number;
}

@ObjectType('UrssafDeclaration', {
  description:
    'What a provider declares to the URSSAF for a month or a quarter (turnover received through the platform), what it implies, and by when.',
})
export class UrssafDeclarationType {
  @Field({ description: 'The period asked: 2026-11 or 2026-Q4.' }) label!: string;
  @Field({ description: 'MONTHLY or QUARTERLY, from the period asked.' }) frequency!: string;
  @Field({ description: 'First day, YYYY-MM-DD (Paris).' }) from!: string;
  @Field({ description: 'Last day, included.' }) to!: string;
  @Field({ description: 'The last day to declare and pay.' }) deadline!: string;
  @Field({ description: 'Whether the provider opted for the versement libératoire (tax profile).' }) versementLiberatoire!: boolean;
  @Field(() => [UrssafDeclarationLineType], { description: 'One line per activity type.' }) lines!: UrssafDeclarationLineType[];
  @Field(() => Int, { description: 'The turnover of all lines.' }) turnoverCents!: number;
  @Field(() => Int, { description: 'What the provider pays, all lines.' }) totalCents!: number;
}

@ObjectType('UrssafWithholding', {
  description: 'What the platform withheld from a payout for the URSSAF (URSSAF_WITHHOLDING), at the rates of the year of the transfer.',
})
export class UrssafWithholdingType {
  @Field(() => Int, { description: 'The social contributions.' }) contributionsCents!: number;
  @Field(() => Int, { description: 'Income tax under the versement libératoire (0 without the option).' }) incomeTaxCents!: number;
  @Field(() => Int, { description: 'The training contribution (CFP).' }) trainingCents!: number;
  @Field(() => Int, { description: 'Not transferred to the provider: owed to the URSSAF.' }) totalCents!: number;
}
