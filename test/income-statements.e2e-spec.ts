/**
 * Income statements: a provider asks for one over a period, gets a PDF signed by the platform with
 * a verification code, its figures those of the ledger; whoever holds the code (a landlord, a bank)
 * checks it anonymously and learns the provider's name, the period and the totals, nothing else.
 */
import { Clock } from '@marketplace/common';
import { createHash, createPrivateKey, createPublicKey, KeyObject, randomBytes, sign, verify } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { aSignedInUser, SignedInUser } from './support/accounts.builders';
import { filesUnder } from './support/documents.builders';
import { aDeliveredMissionFor, paidOutAt } from './support/earnings.builders';
import { readPdf } from './support/factur-x-pdf-reader';
import { BILLING_PROFILE, gqlData, KARIM_BILLING } from './support/invoices.builders';
import { aProvider } from './support/marketplace.builders';
import { onboard } from './support/payments.builders';
import { errorCodes, GraphQLResponse, TEST_ENV, TestApp } from './support/test-app';

const REQUEST = `mutation ($from: Date!, $to: Date!) {
  requestIncomeStatement(from: $from, to: $to) {
    id from to issuedAt verificationCode verificationUrl pdfPath
    months { from to grossCents feesCents netCents missionsCompleted }
    totals { grossCents feesCents netCents missionsCompleted }
  }
}`;
const VERIFY = `query ($code: String!) {
  verifyIncomeStatement(code: $code) { providerName from to currency totals { grossCents feesCents netCents missionsCompleted } }
}`;
const CONFIRM = `mutation ($id: ID!) { confirmMissionCompletion(missionId: $id) { status } }`;
const VERIFICATIONS_PER_IP = 5;
const LABEL = 'marketplace income statement v1\n';

/** The Ed25519 private key of a 32-byte seed, as the platform derives it from INCOME_STATEMENT_SIGNING_KEY. */
function privateKeyOf(seed: Buffer): KeyObject {
  return createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
}
/** A key's id as printed on statements: 16 hex digits of the SHA-256 of its public key (SPKI DER). */
function keyIdOf(seed: Buffer): string {
  const spki = createPublicKey(privateKeyOf(seed)).export({ format: 'der', type: 'spki' });
  return createHash('sha256').update(spki).digest('hex').slice(0, 16);
}

describe('income statements, signed by the platform and verified by their code', () => {
  let app: TestApp;
  let provider: SignedInUser;
  let client: SignedInUser;

  beforeAll(async () => {
    app = await TestApp.start({ TRUST_PROXY_HOPS: '1', RATE_LIMIT_INCOME_STATEMENT_VERIFICATION_PER_IP: String(VERIFICATIONS_PER_IP) });
    [provider, client] = await Promise.all([aProvider(app), aSignedInUser(app, { displayName: 'Claire Dubois' })]);
    await onboard(app, provider);
    const march = await aDeliveredMissionFor(app, provider, client, { amountCents: 12_000, estimatedHours: 3 });
    const june = await aDeliveredMissionFor(app, provider, client, { amountCents: 9_000, estimatedHours: null });
    for (const mission of [march, june]) await app.graphql(CONFIRM, { id: mission.missionId }, client.accessToken);
    await app.runJobs();
    await paidOutAt(app, march.missionId, '2026-03-10T09:00:00Z');
    // 31 May 22:30 UTC is 1 June 00:30 in Paris: June's.
    await paidOutAt(app, june.missionId, '2026-05-31T22:30:00Z');
    // Completed, not paid out yet: not received, so not on the statement.
    const pending = await aDeliveredMissionFor(app, provider, client, { amountCents: 20_000, estimatedHours: 1 });
    await app.graphql(CONFIRM, { id: pending.missionId }, client.accessToken);
    await paidOutAt(app, pending.missionId, '2026-04-10T09:00:00Z');
  }, 180_000);
  afterAll(() => app?.close());
  afterEach(() => jest.restoreAllMocks());

  const from = (ip: string, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> => {
    const call = request(app.http).post('/graphql').set('Content-Type', 'application/json').set('X-Forwarded-For', ip);
    if (token) call.set('Authorization', `Bearer ${token}`);
    return call
      .send({ query, variables })
      .then((response) => ({ status: response.status, data: response.body.data, errors: response.body.errors }));
  };
  const statementFor = async (user: SignedInUser, variables: { from: string; to: string }) => {
    const response = await app.graphql(REQUEST, variables, user.accessToken);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data!.requestIncomeStatement;
  };
  const download = (path: string, user?: SignedInUser) => {
    const call = request(app.http).get(path);
    if (user) call.set('Authorization', `Bearer ${user.accessToken}`);
    return call.buffer(true).parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  };
  const stored = async () => ({
    rows: await app.count('income_statements'),
    files: filesUnder(join(app.config.dataDir, 'documents', 'income-statements')).length,
  });

  it('attests month by month what the ledger says was received, in a PDF printing the figures, the code and where to verify it', async () => {
    const statement = await statementFor(provider, { from: '2026-03-01', to: '2026-06-30' });
    const month = (first: string, last: string, grossCents: number, missions: number) => ({
      from: first,
      to: last,
      grossCents,
      feesCents: grossCents / 10,
      netCents: grossCents - grossCents / 10,
      missionsCompleted: missions,
    });
    expect(statement).toMatchObject({
      from: '2026-03-01',
      to: '2026-06-30',
      months: [
        month('2026-03-01', '2026-03-31', 12_000, 1),
        month('2026-04-01', '2026-04-30', 0, 0),
        month('2026-05-01', '2026-05-31', 0, 0),
        month('2026-06-01', '2026-06-30', 9_000, 1),
      ],
      totals: { grossCents: 21_000, feesCents: 2_100, netCents: 18_900, missionsCompleted: 2 },
      verificationCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/),
      pdfPath: `/income-statements/${statement.id}.pdf`,
    });
    expect(statement.verificationUrl).toBe(`http://localhost:3000/income-statements/verify?code=${statement.verificationCode}`);
    const [{ net }] = await app.dataSource.query(
      `SELECT -sum(e.amount_cents)::int AS net FROM ledger_entries e JOIN payments p ON p.id = e.payment_id
        WHERE p.provider_id = $1 AND e.movement = 'PAYOUT' AND e.account = 'STRIPE_BALANCE'`,
      [provider.id],
    );
    expect(statement.totals.netCents).toBe(net);

    const pdf = await download(statement.pdfPath, provider).expect(200).expect('Content-Type', 'application/pdf');
    const [row] = await app.dataSource.query(`SELECT pdf_sha256, facts, signature, signing_key_id FROM income_statements WHERE id = $1`, [
      statement.id,
    ]);
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(row.pdf_sha256);
    const { text } = await readPdf(pdf.body as Buffer);
    for (const printed of [
      'Attestation de revenus perçus via la plateforme',
      // The platform's legal details as configured (PLATFORM_LEGAL_NAME, PLATFORM_SIREN; their defaults here).
      'Marketplace Exemple SAS (fictive) (SIREN 123456782) atteste que Karim Benali',
      'du 01/03/2026 au 30/06/2026',
      'mars 2026 — 1 mission(s) — 120,00 € — 12,00 € — 108,00 €',
      'avril 2026 — 0 mission(s) — 0,00 € — 0,00 € — 0,00 €',
      'juin 2026 — 1 mission(s) — 90,00 € — 9,00 € — 81,00 €',
      'Total : 2 mission(s)',
      'Montant brut : 210,00 €',
      'Frais de service : 21,00 €',
      'Montant net reçu : 189,00 €',
      `Code de vérification : ${statement.verificationCode}`,
      `clé ${row.signing_key_id}`,
    ]) {
      expect(text.replace(/\s+/g, ' ')).toContain(printed);
    }
    // Long lines wrap where pdf.js sees a space: the URL and the signature are compared without them.
    for (const printed of [statement.verificationUrl, row.signature]) expect(text.replace(/\s+/g, '')).toContain(printed);

    // The platform's Ed25519 signature over the stored facts, checked with its public key alone.
    const seed = Buffer.from(TEST_ENV.INCOME_STATEMENT_SIGNING_KEY!, 'hex');
    const privateKey = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    const publicKey = createPublicKey(privateKey);
    const signed = Buffer.from(`marketplace income statement v1\n${row.facts}`);
    expect(verify(null, signed, publicKey, Buffer.from(row.signature, 'base64'))).toBe(true);
    expect(JSON.parse(row.facts)).toMatchObject({
      statementId: statement.id,
      verificationCode: statement.verificationCode,
      totals: statement.totals,
    });
    await expect(app.dataSource.query(`UPDATE income_statements SET facts = '{}' WHERE id = $1`, [statement.id])).rejects.toThrow(
      /kept as signed/,
    );
  }, 60_000);

  it('answers whoever holds the code with the name, the period and the totals, nothing else, however the code is typed', async () => {
    const statement = await statementFor(provider, { from: '2026-06-01', to: '2026-06-30' });
    const expected = {
      providerName: 'Karim Benali',
      from: '2026-06-01',
      to: '2026-06-30',
      currency: 'EUR',
      totals: { grossCents: 9_000, feesCents: 900, netCents: 8_100, missionsCompleted: 1 },
    };
    const anonymous = await app.graphql(VERIFY, { code: statement.verificationCode });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.verifyIncomeStatement).toEqual(expected);
    const typed = statement.verificationCode.toLowerCase().replace(/-/g, ' ');
    expect((await app.graphql(VERIFY, { code: typed }, client.accessToken)).data!.verifyIncomeStatement).toEqual(expected);
    const fields = await app.graphql(`{ __type(name: "IncomeStatementVerification") { fields { name } } }`);
    expect(fields.data!.__type.fields.map(({ name }: { name: string }) => name).sort()).toEqual([
      'currency',
      'from',
      'providerName',
      'to',
      'totals',
    ]);
  });

  it('answers NOT_FOUND to an unknown or malformed code, BAD_USER_INPUT to far too long a one', async () => {
    expect(errorCodes(await from('198.51.100.10', VERIFY, { code: '7KQ2-'.repeat(13) }))).toEqual(['BAD_USER_INPUT']);
    for (const code of ['0000-0000-0000-0000', 'not a code', '', "'; DROP TABLE income_statements; --"]) {
      const unknown = await from('198.51.100.9', VERIFY, { code });
      expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
      expect(unknown.data).toBeNull();
    }
  });

  it('limits verifications per IP, for requests sent at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => from('198.51.100.7', VERIFY, { code: '0000-0000-0000-0000' })));
    const codes = answers.flatMap(errorCodes).sort();
    expect(codes.filter((code) => code === 'NOT_FOUND')).toHaveLength(VERIFICATIONS_PER_IP);
    expect(codes.filter((code) => code === 'TOO_MANY_REQUESTS')).toHaveLength(12 - VERIFICATIONS_PER_IP);
    expect(errorCodes(await from('198.51.100.8', VERIFY, { code: '0000-0000-0000-0000' }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a period of 24 months or more, in the future or inverted, and writes nothing', async () => {
    jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date('2026-06-15T21:30:00Z'));
    const before = await stored();
    const refusals: [string, string, string][] = [
      ['2024-06-01', '2026-06-01', 'to: must be less than 24 months after from'],
      ['2026-06-01', '2026-06-16', 'to: must not be after today (2026-06-15, in Paris)'],
      ['2026-07-01', '2026-07-31', 'to: must not be after today (2026-06-15, in Paris)'],
      ['2026-06-10', '2026-06-09', 'to: must not be before from'],
    ];
    for (const [first, last, message] of refusals) {
      const refused = await app.graphql(REQUEST, { from: first, to: last }, provider.accessToken);
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].message).toBe(message);
    }
    expect(errorCodes(await app.graphql(REQUEST, { from: '2026-02-30', to: '2026-06-01' }, provider.accessToken))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await stored()).toEqual(before);
    // Today in Paris, and just under 24 months: accepted.
    await statementFor(provider, { from: '2024-06-16', to: '2026-06-15' });
    expect(await stored()).toEqual({ rows: before.rows + 1, files: before.files + 1 });
  });

  it('names the provider as their invoices do: their billing name followed by "EI", their display name without a billing profile', async () => {
    const billed = await aProvider(app);
    await onboard(app, billed);
    const mission = await aDeliveredMissionFor(app, billed, client, { amountCents: 12_000, estimatedHours: 3 });
    await app.graphql(CONFIRM, { id: mission.missionId }, client.accessToken);
    await app.runJobs();
    await paidOutAt(app, mission.missionId, '2026-03-10T09:00:00Z');
    await gqlData(app, BILLING_PROFILE, { i: { ...KARIM_BILLING, fullName: 'Karim Benali-Haddad' } }, billed);

    const statement = await statementFor(billed, { from: '2026-03-01', to: '2026-03-31' });
    const { text } = await readPdf((await download(statement.pdfPath, billed).expect(200)).body as Buffer);
    expect(text.replace(/\s+/g, ' ')).toContain('atteste que Karim Benali-Haddad EI');
    const verified = await from('198.51.100.30', VERIFY, { code: statement.verificationCode });
    expect(verified.data!.verifyIncomeStatement.providerName).toBe('Karim Benali-Haddad EI');
  }, 60_000);

  it('verifies after a key rotation what the retired key signed, by its public key alone, and no statement forged with another key', async () => {
    const oldSeed = Buffer.from(TEST_ENV.INCOME_STATEMENT_SIGNING_KEY!, 'hex');
    const signedBefore = await statementFor(provider, { from: '2026-06-01', to: '2026-06-30' });
    const expected = { providerName: 'Karim Benali', from: '2026-06-01', to: '2026-06-30' };
    const retiredPublicKey = createPublicKey(privateKeyOf(oldSeed)).export({ format: 'der', type: 'spki' }).subarray(12);
    const newSeed = randomBytes(32);
    let ip = 40;
    const verifying = (code: string) => from(`198.51.100.${ip++}`, VERIFY, { code });
    try {
      await app.restart({ incomeStatementSigningKey: newSeed, incomeStatementRetiredPublicKeys: [retiredPublicKey] });
      expect((await verifying(signedBefore.verificationCode)).data!.verifyIncomeStatement).toMatchObject(expected);
      const signedAfter = await statementFor(provider, { from: '2026-06-01', to: '2026-06-30' });
      const keysOf = async (id: string) =>
        (await app.dataSource.query(`SELECT signing_key_id FROM income_statements WHERE id = $1`, [id]))[0].signing_key_id;
      expect([await keysOf(signedBefore.id), await keysOf(signedAfter.id)]).toEqual([keyIdOf(oldSeed), keyIdOf(newSeed)]);
      expect((await verifying(signedAfter.verificationCode)).data!.verifyIncomeStatement).toMatchObject(expected);

      // Rows written past the API (as by someone with database access): inflated totals, signed by another key under a real key's id.
      const forger = randomBytes(32);
      const forge = async (code: string, keyId: string) => {
        const [row] = await app.dataSource.query(`SELECT facts FROM income_statements WHERE id = $1`, [signedBefore.id]);
        const facts = (row.facts as string)
          .replace(`"verificationCode":"${signedBefore.verificationCode}"`, `"verificationCode":"${code}"`)
          .replace(/"netCents":8100/g, '"netCents":810000');
        const signature = sign(null, Buffer.from(LABEL + facts), privateKeyOf(forger)).toString('base64');
        await app.dataSource.query(
          `INSERT INTO income_statements (id, provider_id, period_from, period_to, verification_code, facts, signature, signing_key_id, pdf_key, pdf_sha256, issued_at)
           SELECT gen_random_uuid(), provider_id, period_from, period_to, $2, $3, $4, $5, pdf_key, pdf_sha256, issued_at FROM income_statements WHERE id = $1`,
          [signedBefore.id, code, facts, signature, keyId],
        );
      };
      await forge('ABCD-EFGH-JKMN-PQRS', keyIdOf(oldSeed));
      await forge('ABCD-EFGH-JKMN-PQR0', keyIdOf(newSeed));
      await forge('ABCD-EFGH-JKMN-PQR1', keyIdOf(forger));
      for (const code of ['ABCD-EFGH-JKMN-PQRS', 'ABCD-EFGH-JKMN-PQR0', 'ABCD-EFGH-JKMN-PQR1']) {
        const forged = await verifying(code);
        expect(forged.data).toBeNull();
        expect(JSON.stringify(forged.errors)).not.toContain('810000');
      }

      // Once its public key is no longer configured, the retired key verifies nothing.
      await app.restart({ incomeStatementSigningKey: newSeed, incomeStatementRetiredPublicKeys: [] });
      expect((await verifying(signedBefore.verificationCode)).data).toBeNull();
      expect((await verifying(signedAfter.verificationCode)).data!.verifyIncomeStatement).toMatchObject(expected);
    } finally {
      await app.restart({ incomeStatementSigningKey: oldSeed, incomeStatementRetiredPublicKeys: [] });
    }
  }, 60_000);

  it('refuses clients, and shows a statement’s PDF to its provider only', async () => {
    const before = await stored();
    expect(errorCodes(await app.graphql(REQUEST, { from: '2026-03-01', to: '2026-03-31' }, client.accessToken))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await app.graphql(REQUEST, { from: '2026-03-01', to: '2026-03-31' }))).toEqual(['UNAUTHENTICATED']);
    expect(await stored()).toEqual(before);
    const statement = await statementFor(provider, { from: '2026-03-01', to: '2026-03-31' });
    const otherProvider = await aProvider(app);
    await download(statement.pdfPath, otherProvider).expect(404);
    await download(statement.pdfPath, client).expect(403);
    await download(statement.pdfPath).expect(401);
    await download('/income-statements/not-a-uuid.pdf', provider).expect(400);
    await download(statement.pdfPath, provider).expect(200);
  }, 60_000);
});
