import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CalendarDate } from './calendar-date.scalar';
import { EarningsGranularity } from './earnings.service';

registerEnumType(EarningsGranularity, {
  name: 'EarningsGranularity',
  description: 'The calendar periods (Paris) earnings are grouped by.',
  valuesMap: {
    MONTH: { description: 'Calendar months.' },
    QUARTER: { description: 'Calendar quarters: January to March, April to June, July to September, October to December.' },
    YEAR: { description: 'Calendar years.' },
  },
});

@ObjectType('IncomeStatementTotals', { description: 'What the provider received through the platform over a period, in euro cents.' })
export class IncomeStatementTotalsType {
  @Field(() => Int, {
    description: 'What clients paid for the missions paid out in the period, less what was refunded to them before the payout.',
  })
  grossCents!: number;

  @Field(() => Int, { description: "The platform's fees on them." })
  feesCents!: number;

  @Field(() => Int, { description: 'What the provider received: grossCents − feesCents.' })
  netCents!: number;

  @Field(() => Int, { description: 'Missions paid out in the period.' })
  missionsCompleted!: number;
}

@ObjectType('IncomeStatementMonth', { description: "A calendar period's figures, as a line of an income statement (a month)." })
export class IncomeStatementMonthType extends IncomeStatementTotalsType {
  @Field(() => CalendarDate, { description: 'Its first day: the calendar period’s, or the `from` asked for if later.' })
  from!: string;

  @Field(() => CalendarDate, { description: 'Its last day (included): the calendar period’s, or the `to` asked for if earlier.' })
  to!: string;
}

@ObjectType('EarningsPeriod', {
  description:
    "What the provider earned in a period, from the platform's ledger, exact to the cent. A mission counts in the period its payout was transferred (its ledger PAYOUT movement); refunds and chargebacks after the transfer are the platform's loss and change nothing here.",
})
export class EarningsPeriodType extends IncomeStatementMonthType {
  @Field(() => Int, {
    description: 'What the provider is owed, not transferred yet (payouts PENDING or FAILED), for missions completed in the period.',
  })
  payoutsPendingCents!: number;

  @Field(() => Float, {
    nullable: true,
    description: "The sum of the accepted bids' estimatedHours over the missions of the period that had one; null when none had.",
  })
  estimatedHours!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Effective hourly earnings: the netCents of the missions of the period whose accepted bid gave estimatedHours, divided by the sum of those estimates, rounded to the cent (half up). Estimated, not worked, hours. Null when no mission of the period had an estimate.',
  })
  effectiveHourlyCents!: number | null;
}

@ObjectType('IncomeStatement', {
  description: 'A signed attestation of what the provider received through the platform over a period, as a PDF. Its provider only.',
})
export class IncomeStatementType {
  @Field(() => ID, { description: 'Its id: its PDF is at pdfPath.' })
  id!: string;

  @Field(() => CalendarDate, { description: 'The first day it covers.' })
  from!: string;

  @Field(() => CalendarDate, { description: 'The last day it covers (included).' })
  to!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the platform issued and signed it.' })
  issuedAt!: Date;

  @Field(() => [IncomeStatementMonthType], { description: 'Month by month (Paris calendar), as printed.' })
  months!: IncomeStatementMonthType[];

  @Field(() => IncomeStatementTotalsType, { description: 'Over the whole period, as printed.' })
  totals!: IncomeStatementTotalsType;

  @Field({ description: 'Printed on the PDF: whoever holds it can ask verifyIncomeStatement. 80 random bits, XXXX-XXXX-XXXX-XXXX.' })
  verificationCode!: string;

  @Field({ description: 'Printed on the PDF: the web app’s page that verifies the code.' })
  verificationUrl!: string;

  @Field({ description: 'Path on this API serving the PDF to its provider, with the same bearer token.' })
  pdfPath!: string;
}

@ObjectType('IncomeStatementVerification', {
  description: "What an income statement's code proves, to anyone: whose it is, its period and its totals, nothing else.",
})
export class IncomeStatementVerificationType {
  @Field({ description: 'The provider’s name, as printed.' })
  providerName!: string;

  @Field(() => CalendarDate, { description: 'The first day the statement covers.' })
  from!: string;

  @Field(() => CalendarDate, { description: 'The last day it covers (included).' })
  to!: string;

  @Field({ description: 'EUR.' })
  currency!: string;

  @Field(() => IncomeStatementTotalsType, { description: 'What it attests over the period.' })
  totals!: IncomeStatementTotalsType;
}
