import { AccountsService } from '@marketplace/accounts';
import { BadUserInputError, Clock, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { BillingProfilesService, platformIssuerOf } from '@marketplace/invoicing';
import { FileStorage } from '@marketplace/storage';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { periodProblem } from '../calendar-period';
import { IncomeStatementNotFoundError, InvalidPeriodError } from '../earnings.errors';
import { EarningsGranularity, EarningsService } from '../earnings.service';
import { IncomeStatement } from './income-statement.entity';
import { IncomeStatementFacts, statementMonthsOf } from './income-statement-facts';
import { incomeStatementPdf } from './income-statement-pdf';
import { canonicalJson, StatementSigner, StatementVerifier } from './statement-signature';
import { newVerificationCode, normalizedVerificationCode } from './verification-code';

/** The longest period a statement covers: less than 24 months. */
export const STATEMENT_MAX_MONTHS = 24;

/** A code as typed, spaces and dashes included: far more than 16 characters is not one. */
const MAX_TYPED_CODE_LENGTH = 64;

/** What verifyIncomeStatement tells whoever holds the code: the name, the period, the totals, nothing else. */
export type VerifiedIncomeStatement = Pick<IncomeStatementFacts, 'period' | 'totals' | 'currency'> & { providerName: string };

/**
 * Income statements: issued from the ledger's figures (EarningsService), frozen as signed facts,
 * rendered once as a PDF stored with its SHA-256 (storage first, then the row, so a row never
 * names a missing document), downloaded by their provider, verified by anyone with the code.
 */
@Injectable()
export class IncomeStatementsService {
  private readonly logger = new Logger(IncomeStatementsService.name);
  private readonly signer: StatementSigner;
  /** By key id: the signing key's, and the retired keys' that signed statements before a rotation. */
  private readonly verifiers: Map<string, StatementVerifier>;

  constructor(
    @InjectRepository(IncomeStatement) private readonly statements: Repository<IncomeStatement>,
    private readonly earnings: EarningsService,
    private readonly accounts: AccountsService,
    private readonly billingProfiles: BillingProfilesService,
    private readonly storage: FileStorage,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    if (!config.incomeStatementSigningKey) throw new Error('INCOME_STATEMENT_SIGNING_KEY is not configured.');
    this.signer = new StatementSigner(config.incomeStatementSigningKey);
    const retired = config.incomeStatementRetiredPublicKeys.map((raw) => StatementVerifier.ofPublicKey(raw));
    this.verifiers = new Map([this.signer, ...retired].map((verifier) => [verifier.keyId, verifier]));
  }

  /** BAD_USER_INPUT, with nothing read or written, for a period inverted, of 24 months or more, or ending after today in Paris. */
  async request(viewer: Viewer, from: string, to: string): Promise<IncomeStatement> {
    const rule = { maxMonths: STATEMENT_MAX_MONTHS, today: this.earnings.today() };
    const problem = periodProblem(from, to, rule);
    if (problem) throw new InvalidPeriodError(problem, rule);
    const [provider, periods] = await Promise.all([
      this.accounts.getById(viewer.id),
      this.earnings.periodsOf(viewer.id, from, to, EarningsGranularity.MONTH),
    ]);
    const id = randomUUID();
    const issuedAt = this.clock.now();
    const facts: IncomeStatementFacts = {
      statementId: id,
      verificationCode: newVerificationCode(),
      issuedAt: issuedAt.toISOString(),
      // The name the provider's invoices carry, so that the statement matches them.
      provider: { id: provider.id, name: await this.billingProfiles.providerNameOf(provider.id, provider.displayName) },
      period: { from, to },
      currency: 'EUR',
      ...statementMonthsOf(periods),
    };
    const canonical = canonicalJson(facts as unknown as Parameters<typeof canonicalJson>[0]);
    const signature = this.signer.sign(canonical);
    const pdf = await incomeStatementPdf(facts, {
      issuer: platformIssuerOf(this.config.platformLegal),
      verificationUrl: this.verificationUrlOf(facts.verificationCode),
      signature,
      signingKeyId: this.signer.keyId,
    });
    const pdfKey = `income-statements/${id}.pdf`;
    await this.storage.put(pdfKey, Readable.from([pdf]));
    const statement = this.statements.create({
      id,
      providerId: provider.id,
      periodFrom: from,
      periodTo: to,
      verificationCode: facts.verificationCode,
      facts: canonical,
      signature,
      signingKeyId: this.signer.keyId,
      pdfKey,
      pdfSha256: sha256(pdf),
      issuedAt,
    });
    await this.statements.insert(statement);
    return statement;
  }

  /** The web app's page that asks verifyIncomeStatement, the code filled in. */
  verificationUrlOf(code: string): string {
    return `${this.config.email.publicAppUrl}/income-statements/verify?code=${code}`;
  }

  /** The statement's PDF, to its provider; NOT_FOUND for anyone else. */
  async download(viewer: Viewer, id: string): Promise<{ statement: IncomeStatement; content: Buffer }> {
    const statement = await this.statements.findOneBy({ id });
    if (!statement || statement.providerId !== viewer.id) throw new IncomeStatementNotFoundError();
    const content = await this.storage.get(statement.pdfKey);
    if (!content || sha256(content) !== statement.pdfSha256)
      throw new Error(`Income statement ${statement.id}: its PDF is missing or altered in storage`);
    return { statement, content };
  }

  /**
   * For anyone holding a code: BAD_USER_INPUT when far too long to be one, NOT_FOUND when no statement
   * has it (or it cannot be a code). The
   * stored facts are answered only if the platform's signature on them still holds.
   */
  async verify(typedCode: string): Promise<VerifiedIncomeStatement> {
    if (typedCode.length > MAX_TYPED_CODE_LENGTH)
      throw BadUserInputError.forField('code', `must be at most ${MAX_TYPED_CODE_LENGTH} characters`);
    const code = normalizedVerificationCode(typedCode);
    if (!code) throw new IncomeStatementNotFoundError();
    const statement = await this.statements.findOneBy({ verificationCode: code });
    if (!statement) throw new IncomeStatementNotFoundError();
    if (!this.verifiers.get(statement.signingKeyId)?.verifies(statement.facts, statement.signature)) {
      this.logger.error({
        msg: 'An income statement does not verify with its key',
        statementId: statement.id,
        keyId: statement.signingKeyId,
      });
      throw new Error(`Income statement ${statement.id}: its signature does not verify`);
    }
    const facts = this.factsOf(statement);
    return { providerName: facts.provider.name, period: facts.period, totals: facts.totals, currency: facts.currency };
  }

  factsOf(statement: IncomeStatement): IncomeStatementFacts {
    return JSON.parse(statement.facts) as IncomeStatementFacts;
  }
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
