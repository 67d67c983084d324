import { CalendarDate } from '@marketplace/earnings';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DeclarationFrequency, VatStatus } from './profile/tax-profile.entity';
import { ActivityType } from './tax-rates';

registerEnumType(ActivityType, {
  name: 'ActivityType',
  description: "How a micro-entrepreneur's activity is classified for the thresholds and the contributions.",
  valuesMap: {
    BIC_SERVICES: { description: 'Commercial or craft services (BIC prestations de services).' },
    BNC_SSI: { description: 'Liberal services under the general self-employed scheme (BNC, SSI).' },
    BNC_CIPAV: { description: 'Regulated liberal professions insured with the CIPAV (BNC).' },
    SALES: { description: 'Sales of goods (BIC ventes).' },
  },
});

registerEnumType(VatStatus, {
  name: 'VatStatus',
  description: "A provider's VAT situation.",
  valuesMap: {
    FRANCHISE: { description: 'Franchise en base: no VAT charged; invoices say "TVA non applicable, art. 293 B du CGI".' },
    LIABLE: { description: 'Liable to VAT with a VAT number: invoices charge VAT.' },
  },
});

registerEnumType(DeclarationFrequency, {
  name: 'DeclarationFrequency',
  description: 'How often revenue is declared to the URSSAF.',
  valuesMap: { MONTHLY: { description: 'Every month.' }, QUARTERLY: { description: 'Every quarter.' } },
});

@ObjectType('TaxProfile', { description: "A provider's tax situation as they declared it; visible to them and to moderators only." })
export class TaxProfileType {
  @Field(() => ActivityType, { description: 'How the activity is classified.' })
  activityType!: ActivityType;

  @Field(() => CalendarDate, { description: 'The day the activity started.' })
  activityStartedOn!: string;

  @Field(() => VatStatus, { description: 'FRANCHISE or LIABLE.' })
  vatStatus!: VatStatus;

  @Field(() => String, { nullable: true, description: 'The French VAT number; null for none.' })
  vatNumber!: string | null;

  @Field(() => Int, { nullable: true, description: 'The VAT rate chosen, in basis points, once LIABLE; null for the standard rate.' })
  vatRateBasisPoints!: number | null;

  @Field(() => DeclarationFrequency, { description: 'How often revenue is declared to the URSSAF.' })
  declarationFrequency!: DeclarationFrequency;

  @Field({ description: 'Whether income tax is paid with the contributions (versement libératoire).' })
  versementLiberatoire!: boolean;

  @Field(() => Int, { description: 'Revenue received outside the platform in offPlatformRevenueYear so far, in cents.' })
  offPlatformRevenueCents!: number;

  @Field(() => Int, { nullable: true, description: 'The year offPlatformRevenueCents is for; null when none was declared.' })
  offPlatformRevenueYear!: number | null;

  @Field(() => CalendarDate, {
    nullable: true,
    description:
      'The day the VAT franchise ended (the majoré threshold crossed, or 1 January after a year over the base threshold); null while it holds.',
  })
  franchiseEndedOn!: string | null;
}
