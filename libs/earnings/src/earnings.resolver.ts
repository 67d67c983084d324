import { RateLimit } from '@marketplace/accounts';
import { AllowAnonymous, CurrentViewer, RequireRoles, Role, Viewer } from '@marketplace/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CalendarDate } from './calendar-date.scalar';
import { EarningsGranularity, EarningsPeriod, EarningsService } from './earnings.service';
import { EarningsPeriodType, IncomeStatementType, IncomeStatementVerificationType } from './earnings.types';
import { IncomeStatement } from './statements/income-statement.entity';
import { IncomeStatementsService } from './statements/income-statements.service';

const FROM = { type: () => CalendarDate, description: 'The first day of the period (Paris calendar).' };
const TO = { type: () => CalendarDate, description: 'The last day of the period, included.' };

@Resolver()
export class EarningsResolver {
  constructor(
    private readonly earningsService: EarningsService,
    private readonly statements: IncomeStatementsService,
  ) {}

  @RequireRoles(Role.PROVIDER)
  @Query(() => [EarningsPeriodType], {
    description:
      'Providers: their earnings from the ledger, one entry per calendar period (Paris) from `from` to `to` (both included), empty periods too. BAD_USER_INPUT when `to` is before `from` or 120 months or more after it.',
  })
  earnings(
    @CurrentViewer() viewer: Viewer,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
    @Args('granularity', { type: () => EarningsGranularity, defaultValue: EarningsGranularity.MONTH, description: 'MONTH unless told.' })
    granularity: EarningsGranularity,
  ): Promise<EarningsPeriod[]> {
    return this.earningsService.earningsOf(viewer, from, to, granularity);
  }

  @RequireRoles(Role.PROVIDER)
  @RateLimit('incomeStatement')
  @Mutation(() => IncomeStatementType, {
    description:
      'Providers: issues a signed PDF attestation of what they received through the platform from `from` to `to` (both included, Paris days), month by month. BAD_USER_INPUT, and nothing issued, when `to` is before `from`, 24 months or more after it, or after today.',
  })
  async requestIncomeStatement(
    @CurrentViewer() viewer: Viewer,
    @Args('from', FROM) from: string,
    @Args('to', TO) to: string,
  ): Promise<IncomeStatementType> {
    return this.statementOf(await this.statements.request(viewer, from, to));
  }

  @AllowAnonymous()
  @RateLimit('incomeStatementVerification')
  @Query(() => IncomeStatementVerificationType, {
    description:
      "Anyone with a statement's verification code (any case, with or without dashes): the provider's name, the period and the totals it attests. NOT_FOUND for an unknown code, BAD_USER_INPUT for more than 64 characters.",
  })
  async verifyIncomeStatement(
    @Args('code', { description: 'The code printed on the statement, e.g. 7KQ2-M9XD-4HTB-0WZE.' }) code: string,
  ): Promise<IncomeStatementVerificationType> {
    const { providerName, period, totals, currency } = await this.statements.verify(code);
    return { providerName, ...period, totals, currency };
  }

  private statementOf(statement: IncomeStatement): IncomeStatementType {
    const facts = this.statements.factsOf(statement);
    return {
      id: statement.id,
      from: facts.period.from,
      to: facts.period.to,
      issuedAt: statement.issuedAt,
      months: facts.months,
      totals: facts.totals,
      verificationCode: facts.verificationCode,
      verificationUrl: this.statements.verificationUrlOf(facts.verificationCode),
      pdfPath: `/income-statements/${statement.id}.pdf`,
    };
  }
}
