import { AccountsService } from '@marketplace/accounts';
import { Clock, Viewer } from '@marketplace/common';
import { AppConfig, InjectConfig } from '@marketplace/config';
import { parisDateOf } from '@marketplace/earnings';
import { MissionCategory, MissionsService } from '@marketplace/missions';
import { RatingsService } from '@marketplace/ratings';
import { Injectable } from '@nestjs/common';
import { CompactSign, compactVerify, errors } from 'jose';
import { randomUUID } from 'node:crypto';
import { CredentialKeys } from './credential-keys';
import {
  claimsOf,
  credentialOf,
  CREDENTIAL_JWS_CONTENT_TYPE,
  CREDENTIAL_JWS_TYPE,
  MAX_LISTED_RATINGS,
  ReputationClaims,
  validityFrom,
} from './reputation-credential';
import { MalformedCredentialError } from './reputation-credentials.errors';

/** Why a well-formed credential does not verify. */
export enum CredentialProblem {
  EXPIRED = 'EXPIRED',
  NOT_A_REPUTATION_CREDENTIAL = 'NOT_A_REPUTATION_CREDENTIAL',
  NOT_YET_VALID = 'NOT_YET_VALID',
  SIGNATURE_MISMATCH = 'SIGNATURE_MISMATCH',
  UNKNOWN_KEY = 'UNKNOWN_KEY',
  UNSUPPORTED_ALGORITHM = 'UNSUPPORTED_ALGORITHM',
  WRONG_ISSUER = 'WRONG_ISSUER',
  WRONG_TYPE = 'WRONG_TYPE',
}

export interface ExportedCredential {
  jws: string;
  keyId: string;
  /** The JWS payload, exactly as signed. */
  json: string;
  claims: ReputationClaims;
}

export type CredentialVerification =
  | { valid: true; keyId: string; claims: ReputationClaims }
  | { valid: false; problem: CredentialProblem; message: string; keyId: string | null };

/** Far longer than any credential MAX_LISTED_RATINGS ratings make: not one of ours. */
const MAX_CREDENTIAL_LENGTH = 200_000;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** How far ahead of our clock a validFrom may be (another instance's clock, a little ahead). */
const CLOCK_TOLERANCE_MS = 60_000;

/**
 * Portable reputation: a provider exports their published ratings as a credential the platform
 * signs (ES256, the JWS header naming the key), which anyone checks against /.well-known/jwks.json
 * with any JOSE library, or here. Nothing is stored: a credential is a snapshot, valid
 * CREDENTIAL_VALIDITY_DAYS, with no status to revoke it by.
 */
@Injectable()
export class ReputationCredentialsService {
  private readonly issuer: string;

  constructor(
    private readonly keys: CredentialKeys,
    private readonly accounts: AccountsService,
    private readonly ratings: RatingsService,
    private readonly missions: MissionsService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    this.issuer = config.email.publicApiUrl.replace(/\/+$/, '');
  }

  async export(viewer: Viewer): Promise<ExportedCredential> {
    const [provider, record] = await Promise.all([this.accounts.getById(viewer.id), this.ratings.publicRecordOf(viewer.id)]);
    const listed = record.ratings.slice(0, MAX_LISTED_RATINGS);
    const categories = await this.categoriesOf(listed.map((rating) => rating.missionId));
    const claims: ReputationClaims = {
      id: `urn:uuid:${randomUUID()}`,
      issuer: this.issuer,
      ...validityFrom(this.clock.now()),
      subject: {
        id: `urn:uuid:${provider.id}`,
        name: provider.displayName,
        ...record.reputation,
        ratings: listed.map((rating) => ({
          role: rating.role,
          score: rating.score,
          date: parisDateOf(rating.missionCompletedAt),
          missionCategory: categories.get(rating.missionId)!,
        })),
      },
    };
    const json = JSON.stringify(credentialOf(claims, this.config.platformLegal.name));
    const jws = await new CompactSign(new TextEncoder().encode(json))
      .setProtectedHeader({ alg: 'ES256', kid: this.keys.signingKeyId, typ: CREDENTIAL_JWS_TYPE, cty: CREDENTIAL_JWS_CONTENT_TYPE })
      .sign(this.keys.signingKey);
    return { jws, keyId: this.keys.signingKeyId, json, claims };
  }

  /**
   * BAD_USER_INPUT for what is not a compact JWS (nothing to check); otherwise valid, with what the
   * credential says, or not, with the first problem found: the algorithm, the key (by kid), the
   * signature, the JWS type, the credential's structure, its issuer, its validity at this instant.
   */
  async verify(typed: string): Promise<CredentialVerification> {
    const jws = typed.trim();
    const header = headerOf(jws);
    const keyId = typeof header.kid === 'string' ? header.kid : null;
    const invalid = (problem: CredentialProblem, message: string): CredentialVerification => ({ valid: false, problem, message, keyId });
    if (header.alg !== 'ES256') return invalid(CredentialProblem.UNSUPPORTED_ALGORITHM, 'The credential is not signed with ES256.');
    const key = keyId === null ? undefined : this.keys.verifyingKey(keyId);
    if (!key) return invalid(CredentialProblem.UNKNOWN_KEY, 'The credential names no key of this platform (kid): it was not signed by us.');
    let payload: Uint8Array;
    try {
      ({ payload } = await compactVerify(jws, key, { algorithms: ['ES256'] }));
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed)
        return invalid(
          CredentialProblem.SIGNATURE_MISMATCH,
          'The signature does not match: the credential was altered, or not signed by us.',
        );
      if (error instanceof errors.JOSEError) throw new MalformedCredentialError((error as Error).message);
      throw error;
    }
    if (header.typ !== CREDENTIAL_JWS_TYPE || header.cty !== CREDENTIAL_JWS_CONTENT_TYPE)
      return invalid(
        CredentialProblem.WRONG_TYPE,
        `The JWS is not a credential (typ ${CREDENTIAL_JWS_TYPE}, cty ${CREDENTIAL_JWS_CONTENT_TYPE}).`,
      );
    const claims = claimsOf(jsonOf(payload));
    if (typeof claims === 'string') return invalid(CredentialProblem.NOT_A_REPUTATION_CREDENTIAL, `The credential ${claims}.`);
    if (claims.issuer !== this.issuer) return invalid(CredentialProblem.WRONG_ISSUER, `The credential's issuer is not ${this.issuer}.`);
    const now = this.clock.now().getTime();
    if (claims.validFrom.getTime() > now + CLOCK_TOLERANCE_MS)
      return invalid(CredentialProblem.NOT_YET_VALID, `The credential is valid from ${claims.validFrom.toISOString()} only.`);
    if (claims.validUntil.getTime() <= now)
      return invalid(CredentialProblem.EXPIRED, `The credential expired at ${claims.validUntil.toISOString()}: export a new one.`);
    return { valid: true, keyId: keyId!, claims };
  }

  /** The public keys, the retired ones included, as /.well-known/jwks.json serves them. */
  keySet(): { keys: CredentialKeys['published'] } {
    return { keys: this.keys.published };
  }

  private async categoriesOf(missionIds: string[]): Promise<Map<string, MissionCategory>> {
    if (missionIds.length === 0) return new Map();
    const missions = await this.missions.findByIds([...new Set(missionIds)]);
    return new Map(missions.map((mission) => [mission.id, mission.category]));
  }
}

/**
 * The protected header of a compact JWS, or MalformedCredentialError. Each part must be canonical
 * base64url: a decoder that skips stray characters or padding bits would let two different strings
 * carry the same signature.
 */
function headerOf(jws: string): Record<string, unknown> {
  if (jws.length > MAX_CREDENTIAL_LENGTH) throw new MalformedCredentialError(`it is longer than ${MAX_CREDENTIAL_LENGTH} characters`);
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)))
    throw new MalformedCredentialError('it is not three base64url parts separated by dots');
  if (!parts.every((part) => Buffer.from(part, 'base64url').toString('base64url') === part))
    throw new MalformedCredentialError('a part is not canonical base64url');
  const header = jsonOf(Buffer.from(parts[0], 'base64url'));
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw new MalformedCredentialError('its header is not a JSON object');
  return header as Record<string, unknown>;
}

function jsonOf(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
