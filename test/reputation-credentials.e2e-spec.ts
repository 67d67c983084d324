import { createMarketplaceClient, ExportReputationDocument, VerifyReputationCredentialDocument } from '@marketplace/client';
import { Clock } from '@marketplace/common';
import { newReputationSigningKeySet, parseReputationSigningKeys, ReputationSigningKey } from '@marketplace/config';
import { parisDateOf } from '@marketplace/earnings';
import { compactVerify, createRemoteJWKSet, errors, jwtVerify, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aSignedInUser, aUserWithRole, SignedInUser } from './support/accounts.builders';
import { aProvider } from './support/marketplace.builders';
import { aCompletedMission, AssignedMission } from './support/payments.builders';
import { errorCodes, TestApp } from './support/test-app';

const CLAIMS = `id issuer validFrom validUntil subject { id name asProvider { count average } asClient { count average } ratings { role score date missionCategory } }`;
const EXPORT = `mutation { exportReputation { jws keyId json claims { ${CLAIMS} } } }`;
const VERIFY = `query ($c: String!) { verifyReputationCredential(credential: $c) { valid problem message keyId claims { ${CLAIMS} } } }`;
const RATE = `mutation ($input: RateMissionInput!) { rateMission(input: $input) { id } }`;
const HIDE = `mutation ($id: ID!) { hideRating(id: $id, reason: "Propos injurieux") { id } }`;

/** `jws` with the character at `index` of its `part` (0 header, 1 payload, 2 signature) replaced by another base64url one. */
function withOneCharacterChanged(jws: string, part: 1 | 2, index: number): string {
  const parts = jws.split('.');
  const original = parts[part][index];
  parts[part] = parts[part].slice(0, index) + (original === 'A' ? 'B' : 'A') + parts[part].slice(index + 1);
  return parts.join('.');
}

describe('portable reputation: a signed credential of the published ratings', () => {
  let app: TestApp;
  let provider: SignedInUser;
  let missions: AssignedMission[];
  let exported: { jws: string; keyId: string; json: string; claims: Record<string, any> };

  const exportAs = async (user: SignedInUser) => {
    const response = await app.graphql(EXPORT, {}, user.accessToken);
    if (!response.data) throw new Error(`exportReputation failed: ${JSON.stringify(response.errors)}`);
    return response.data.exportReputation as typeof exported;
  };
  const verify = async (credential: string, viewer?: SignedInUser) => app.graphql(VERIFY, { c: credential }, viewer?.accessToken);
  const jwksUrl = () => new URL(`http://127.0.0.1:${(app.http.address() as AddressInfo).port}/.well-known/jwks.json`);
  const rate = (user: SignedInUser, missionId: string, score: number, comment?: string) =>
    app.graphql(RATE, { input: { missionId, score, comment } }, user.accessToken);

  beforeAll(async () => {
    app = await TestApp.start();
    const moderator = await aUserWithRole(app, 'MODERATOR');
    provider = await aProvider(app);
    missions = [];
    for (let i = 0; i < 3; i++) missions.push(await aCompletedMission(app, provider));
    const [first, second, third] = missions;
    await Promise.all([rate(first.client, first.missionId, 5, 'Parfait, très soigneux.'), rate(first.provider, first.missionId, 4)]);
    await Promise.all([rate(second.client, second.missionId, 4, 'Bien, un peu en retard.'), rate(second.provider, second.missionId, 5)]);
    const [insult] = await Promise.all([rate(third.client, third.missionId, 1, 'Escroc !!!'), rate(third.provider, third.missionId, 3)]);
    expect((await app.graphql(HIDE, { id: insult.data!.rateMission.id }, moderator.accessToken)).errors).toBeUndefined();
    exported = await exportAs(provider);
  });
  afterAll(() => app?.close());

  it('holds only the published, not hidden ratings (as the public reputation counts them) and nothing of the clients', async () => {
    const today = parisDateOf(new Date());
    expect(exported.claims).toEqual({
      id: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/),
      issuer: app.config.email.publicApiUrl,
      validFrom: expect.any(String),
      validUntil: expect.any(String),
      subject: {
        id: `urn:uuid:${provider.id}`,
        name: 'Karim Benali',
        asProvider: { count: 2, average: 4.5 },
        asClient: { count: 0, average: null },
        // The most recently completed mission first; the hidden 1 is neither listed nor counted.
        ratings: [
          { role: 'PROVIDER', score: 4, date: today, missionCategory: 'FURNITURE_ASSEMBLY' },
          { role: 'PROVIDER', score: 5, date: today, missionCategory: 'FURNITURE_ASSEMBLY' },
        ],
      },
    });
    const publicReputation = await app.graphql(`query ($id: ID!) { user(id: $id) { reputation { asProvider { count average } } } }`, {
      id: provider.id,
    });
    expect(publicReputation.data!.user.reputation.asProvider).toEqual(exported.claims.subject.asProvider);

    const payload = JSON.parse(Buffer.from(exported.jws.split('.')[1], 'base64url').toString('utf8'));
    expect(JSON.stringify(payload)).toBe(exported.json);
    expect(payload).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', expect.any(Object)],
      type: ['VerifiableCredential', 'ReputationCredential'],
    });
    for (const { client, missionId } of missions) {
      for (const secret of [client.id, client.email, client.displayName, missionId]) expect(exported.json).not.toContain(secret);
    }
    for (const comment of ['Parfait', 'retard', 'Escroc']) expect(exported.json).not.toContain(comment);
  });

  it('verifies with the jose library against /.well-known/jwks.json over HTTP, as any verifier would', async () => {
    const keys = createRemoteJWKSet(jwksUrl());
    const { payload, protectedHeader } = await jwtVerify(exported.jws, keys, {
      issuer: app.config.email.publicApiUrl,
      subject: `urn:uuid:${provider.id}`,
      typ: 'vc+jwt',
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: exported.keyId, typ: 'vc+jwt', cty: 'vc' });
    expect(payload).toEqual(JSON.parse(exported.json));
    expect((await compactVerify(exported.jws, keys)).protectedHeader.kid).toBe(exported.keyId);

    const served = await request(app.http).get('/.well-known/jwks.json').expect(200);
    expect(served.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    expect(served.headers['cache-control']).toBe('public, max-age=900');
    expect(served.headers['access-control-allow-origin']).toBe('*');
    expect(JSON.parse(served.text)).toEqual({
      keys: [{ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: exported.keyId, use: 'sig', alg: 'ES256' }],
    });
  });

  it('is refused, by jose and by verifyReputationCredential, once one character of its payload or signature changes', async () => {
    const keys = createRemoteJWKSet(jwksUrl());
    const [, payload, signature] = exported.jws.split('.');
    for (const tampered of [
      withOneCharacterChanged(exported.jws, 1, Math.floor(payload.length / 2)),
      withOneCharacterChanged(exported.jws, 2, Math.floor(signature.length / 2)),
    ]) {
      await expect(jwtVerify(tampered, keys)).rejects.toBeInstanceOf(errors.JWSSignatureVerificationFailed);
      const verified = await verify(tampered);
      expect(verified.errors).toBeUndefined();
      expect(verified.data!.verifyReputationCredential).toEqual({
        valid: false,
        problem: 'SIGNATURE_MISMATCH',
        message: expect.stringContaining('altered'),
        keyId: exported.keyId,
        claims: null,
      });
    }
  });

  it('is verified by anyone, signed in or not, with what it says; a credential that expired or that another key signed is not valid', async () => {
    for (const viewer of [undefined, await aSignedInUser(app)]) {
      const verified = await verify(`  ${exported.jws}\n`, viewer);
      expect(verified.data!.verifyReputationCredential).toEqual({
        valid: true,
        problem: null,
        message: null,
        keyId: exported.keyId,
        claims: exported.claims,
      });
    }

    const clock = jest.spyOn(app.app.get(Clock), 'now').mockReturnValue(new Date(Date.parse(exported.claims.validUntil) + 1000));
    try {
      expect((await verify(exported.jws)).data!.verifyReputationCredential).toMatchObject({
        valid: false,
        problem: 'EXPIRED',
        claims: null,
      });
    } finally {
      clock.mockRestore();
    }

    const [stranger] = (parseReputationSigningKeys(newReputationSigningKeySet()) as { keys: ReputationSigningKey[] }).keys;
    const strangerKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: stranger.x, y: stranger.y, d: stranger.d }, format: 'jwk' });
    const forged = await new SignJWT(JSON.parse(exported.json))
      .setProtectedHeader({ alg: 'ES256', kid: 'someone-else', typ: 'vc+jwt', cty: 'vc' })
      .sign(strangerKey);
    expect((await verify(forged)).data!.verifyReputationCredential).toMatchObject({
      valid: false,
      problem: 'UNKNOWN_KEY',
      keyId: 'someone-else',
    });
    const impostor = await new SignJWT(JSON.parse(exported.json))
      .setProtectedHeader({ alg: 'ES256', kid: exported.keyId, typ: 'vc+jwt', cty: 'vc' })
      .sign(strangerKey);
    expect((await verify(impostor)).data!.verifyReputationCredential).toMatchObject({ valid: false, problem: 'SIGNATURE_MISMATCH' });
  });

  it('answers valid: false with the problem for what our own key signed but is not a valid credential of ours', async () => {
    const [ours] = app.config.reputationSigningKeys!;
    const ourKey = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', x: ours.x, y: ours.y, d: ours.d }, format: 'jwk' });
    const credential = JSON.parse(exported.json);
    const header = { alg: 'ES256', kid: ours.kid, typ: 'vc+jwt', cty: 'vc' };
    const signed = (payload: Record<string, unknown>, protectedHeader: Record<string, unknown> = header) =>
      new SignJWT(payload).setProtectedHeader({ ...header, ...protectedHeader } as typeof header).sign(ourKey);
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const cases: [string, Promise<string>][] = [
      ['UNSUPPORTED_ALGORITHM', new SignJWT(credential).setProtectedHeader({ ...header, alg: 'HS256' }).sign(Buffer.alloc(32, 7))],
      ['WRONG_TYPE', signed(credential, { typ: 'JWT' })],
      ['NOT_A_REPUTATION_CREDENTIAL', signed({ ...credential, credentialSubject: { id: credential.credentialSubject.id } })],
      ['WRONG_ISSUER', signed({ ...credential, issuer: { id: 'https://elsewhere.example' } })],
      ['NOT_YET_VALID', signed({ ...credential, validFrom: inAYear })],
    ];
    for (const [problem, jws] of cases) {
      expect((await verify(await jws)).data!.verifyReputationCredential).toMatchObject({
        valid: false,
        problem,
        message: expect.any(String),
        claims: null,
      });
    }
  });

  it('answers BAD_USER_INPUT, naming the argument, for what is not a compact JWS at all', async () => {
    const notJson = `${Buffer.from('not json').toString('base64url')}.${exported.jws.split('.').slice(1).join('.')}`;
    for (const malformed of ['', 'a credential', 'a.b', `${exported.jws}.x`, `${exported.jws}=`, notJson]) {
      const response = await verify(malformed);
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions.fields).toEqual([
        { field: 'credential', message: expect.stringMatching(/^must be a reputation credential/) },
      ]);
    }
  });

  it('is exported by providers only', async () => {
    expect(errorCodes(await app.graphql(EXPORT, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await app.graphql(EXPORT, {}, missions[0].client.accessToken))).toEqual(['FORBIDDEN']);
  });

  it("is exported and verified through the client SDK, by the provider's app and by anyone's", async () => {
    const appOf = (accessToken: string | null) =>
      createMarketplaceClient({
        url: `http://127.0.0.1:${(app.http.address() as AddressInfo).port}/graphql`,
        accessToken: () => accessToken,
      });
    const { data: exportedBySdk } = await appOf(provider.accessToken).mutate({ mutation: ExportReputationDocument });
    const { jws, claims } = exportedBySdk!.exportReputation;
    expect(claims.subject.asProvider).toEqual({ __typename: 'ReputationSummary', count: 2, average: 4.5 });
    const { data: verified } = await appOf(null).query({ query: VerifyReputationCredentialDocument, variables: { credential: jws } });
    expect(verified!.verifyReputationCredential).toMatchObject({ valid: true, problem: null, claims: { id: claims.id } });
  });

  it('keeps verifying after a rotation: the new key signs first, the retired one (public part only) verifies what it signed', async () => {
    const [retired] = app.config.reputationSigningKeys!;
    const [next] = (parseReputationSigningKeys(newReputationSigningKeySet()) as { keys: ReputationSigningKey[] }).keys;
    await app.restart({ reputationSigningKeys: [next, { kid: retired.kid, x: retired.x, y: retired.y }] });

    const served = JSON.parse((await request(app.http).get('/.well-known/jwks.json').expect(200)).text);
    expect(served.keys.map((key: { kid: string }) => key.kid)).toEqual([next.kid, retired.kid]);
    const keys = createRemoteJWKSet(jwksUrl());
    expect((await jwtVerify(exported.jws, keys)).protectedHeader.kid).toBe(retired.kid);
    expect((await verify(exported.jws)).data!.verifyReputationCredential).toMatchObject({ valid: true, keyId: retired.kid });

    const renewed = await exportAs(provider);
    expect(renewed.keyId).toBe(next.kid);
    expect((await jwtVerify(renewed.jws, keys)).protectedHeader.kid).toBe(next.kid);
    expect((await verify(renewed.jws)).data!.verifyReputationCredential).toMatchObject({ valid: true, keyId: next.kid });
    expect(renewed.claims.subject).toEqual(exported.claims.subject);
  });
});
