import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('PaymentReceipt', {
  description:
    "The client's receipt of their payment for a mission that got no invoice from the platform (see Mission.missingInvoiceReason). Not an invoice.",
})
export class PaymentReceiptType {
  @Field(() => ID, { description: 'The receipt id, as in GET /receipts/<id>.pdf.' })
  id!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was issued: when the mission completed.' })
  issuedAt!: Date;

  @Field(() => Int, { description: 'What the client paid for the service, less what was given back, in cents.' })
  totalCents!: number;

  @Field({ description: 'ISO 4217 code of totalCents (EUR).' })
  currency!: string;

  @Field({ description: 'Path on this API serving the receipt as a PDF to the client, with the same bearer token.' })
  pdfPath!: string;
}
