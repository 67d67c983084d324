import { ConnectionType } from '@marketplace/common';
import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { InvoiceKind, InvoiceStatus } from './invoices/invoice.entity';
import { MissingInvoiceReason } from './invoices/missing-invoice.entity';

registerEnumType(InvoiceKind, {
  name: 'InvoiceKind',
  description: 'What a document of an invoice series is.',
  valuesMap: {
    INVOICE: { description: "A mission's invoice, issued by the platform in its provider's name under their billing mandate (type 380)." },
    CREDIT_NOTE: { description: 'A credit note cancelling all or part of an invoice (type 381), in the same series.' },
    FEE_INVOICE: { description: "The platform's own invoice to a provider for its fee." },
    FEE_CREDIT_NOTE: {
      description: "A credit note on the platform's fee invoice (type 381, in the platform's series), when money returned lowered the fee.",
    },
  },
});

registerEnumType(InvoiceStatus, {
  name: 'InvoiceStatus',
  description: 'Where an invoice stands with its provider, who may contest it within the window of the billing mandate they accepted.',
  valuesMap: {
    ISSUED: {
      description: 'Issued; an invoice stays so while its contest window is open (credit notes and fee invoices, which have none, always).',
    },
    CONTESTED: { description: 'Contested by its provider (contestReason): to be corrected by reissueInvoice.' },
    ACCEPTED: { description: 'Accepted tacitly: its contest window closed without a contest.' },
    CANCELLED: { description: 'Cancelled by a credit note and replaced by a new invoice (both correct it: correctsInvoiceId).' },
  },
});

registerEnumType(MissingInvoiceReason, {
  name: 'MissingInvoiceReason',
  description: 'Why a completed mission got no invoice from the platform (the client gets a payment receipt instead).',
  valuesMap: {
    NO_BILLING_MANDATE: { description: 'The provider had no billing mandate in force (never accepted, or revoked).' },
    NO_SIRET: { description: 'The provider had no SIRET in their provider profile.' },
    NO_BILLING_ADDRESS: { description: 'The provider had no billing profile (name and business address).' },
    AWAITS_VAT_NUMBER: {
      description:
        "The provider's VAT franchise ended (docs/tax-thresholds.md): the invoice waits until their tax profile is LIABLE with a VAT number, then it is issued with VAT.",
    },
  },
});

@ObjectType('BillingMandateText', {
  description: 'The billing mandate a provider accepts before the platform issues invoices in their name.',
})
export class BillingMandateTextType {
  @Field({ description: 'The version to pass to acceptBillingMandate.' })
  version!: string;

  @Field({ description: 'The text, in French: the version that binds.' })
  text!: string;

  @Field({ description: 'The same text in English.' })
  englishText!: string;

  @Field(() => Int, { description: 'Days after an invoice is issued during which the provider may contest it; then it is accepted.' })
  contestDays!: number;
}

@ObjectType('BillingMandate', { description: "A provider's acceptance of the billing mandate." })
export class BillingMandateType {
  @Field({ description: 'The version of the text accepted.' })
  version!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was accepted.' })
  acceptedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was revoked; null while it is in force.' })
  revokedAt!: Date | null;
}

@ObjectType('BillingProfile', { description: "Who the viewer's invoices name, as they last gave it." })
export class BillingProfileType {
  @Field({ description: 'The full name on invoices.' })
  fullName!: string;

  @Field({ description: 'Street and number.' })
  addressLine!: string;

  @Field({ description: 'Postcode.' })
  postcode!: string;

  @Field({ description: 'Town.' })
  city!: string;

  @Field(() => String, { nullable: true, description: 'The company bought for; null for a consumer.' })
  companyName!: string | null;

  @Field(() => String, { nullable: true, description: "The company's SIREN; null for a consumer." })
  siren!: string | null;
}

@ObjectType('Invoice', {
  description: 'An invoice (or credit note) of a mission, frozen when it was issued: visible to its provider and its client.',
})
export class InvoiceType {
  @Field(() => ID, { description: 'The invoice id, as in GET /invoices/<id>.pdf and /invoices/<id>.xml.' })
  id!: string;

  @Field({
    description:
      "Its number in the provider's series, e.g. JB-0A1B2C3D4E-2026-000001; a FEE_INVOICE's in the platform's, e.g. JB-FEE-2026-000001.",
  })
  number!: string;

  @Field(() => InvoiceKind, { description: 'Invoice, credit note or fee invoice.' })
  kind!: InvoiceKind;

  @Field(() => GraphQLISODateTime, { description: 'When it was issued (numbered and frozen).' })
  issuedAt!: Date;

  @Field(() => Int, { description: "Its total in cents: no VAT under the provider's franchise; a FEE_INVOICE's includes 20 % VAT." })
  totalCents!: number;

  @Field({ description: 'ISO 4217 code of totalCents (EUR).' })
  currency!: string;

  @Field(() => ID, { description: 'The mission it invoices.' })
  missionId!: string;

  @Field(() => InvoiceStatus, { description: 'Issued, contested, accepted or cancelled.' })
  status!: InvoiceStatus;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "Until when its provider may contest it (its mandate's window from the issue, fixed at issue); null for credit notes and fee invoices.",
  })
  contestDeadline!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When its provider contested it; null otherwise.' })
  contestedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'What its provider said was wrong, when they contested it.' })
  contestReason!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'For a credit note, the invoice it credits (BT-25); for an invoice, the contested one it replaces; null otherwise.',
  })
  correctsInvoiceId!: string | null;
}

@ObjectType('InvoiceCorrection', { description: 'What reissueInvoice issued for a contested invoice, now CANCELLED.' })
export class InvoiceCorrectionType {
  @Field(() => InvoiceType, {
    nullable: true,
    description: 'The credit note for what it still invoiced; null when refunds had credited it all.',
  })
  creditNote!: InvoiceType | null;

  @Field(() => InvoiceType, {
    nullable: true,
    description: 'The invoice replacing it, from the billing records as they are now; null when nothing is left to pay.',
  })
  invoice!: InvoiceType | null;
}

export const InvoiceConnection = ConnectionType(InvoiceType, 'Invoice');
