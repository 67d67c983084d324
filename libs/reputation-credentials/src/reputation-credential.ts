/**
 * The reputation credential as a W3C Verifiable Credential (Data Model 2.0), secured as VC-JOSE-COSE
 * says: the compact JWS's payload is the credential itself (no `vc` claim), with the JWT claims
 * iss, sub, jti, iat, nbf and exp repeating its issuer, subject, id and validity, so that any JOSE
 * library's JWT verification checks them too. It holds what the provider's public ratings say and
 * nothing of anyone else: per role a count and an average, and each rating's role, score, day and
 * mission category (no author, no mission id, no comment). Pure: the service gathers the facts and
 * signs; `claimsOf` reads a payload back, or says what is wrong with it.
 */
import { MissionCategory } from '@marketplace/missions';
import { RatingRole, ReputationSummary } from '@marketplace/ratings';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const REPUTATION_CREDENTIAL_TYPE = 'ReputationCredential';
/** The JWS header's typ and cty for a credential secured with JOSE (VC-JOSE-COSE, application/vc+jwt). */
export const CREDENTIAL_JWS_TYPE = 'vc+jwt';
export const CREDENTIAL_JWS_CONTENT_TYPE = 'vc';

/** A credential says what the ratings were on the day it was issued: after this it expires, and a new one is exported. */
export const CREDENTIAL_VALIDITY_DAYS = 365;

/**
 * At most this many ratings are listed, the most recent missions first (the counts and averages
 * cover them all): so that a credential stays small enough to be sent back to verify
 * (GRAPHQL_MAX_BODY_BYTES, 100 kB by default; a rating is about 120 bytes of JWS).
 */
export const MAX_LISTED_RATINGS = 500;

export interface CredentialRating {
  role: RatingRole;
  score: number;
  /** The day (Paris) the mission rated was completed. */
  date: string;
  missionCategory: MissionCategory;
}

export interface CredentialSubject {
  /** `urn:uuid:` and the provider's User.id. */
  id: string;
  name: string;
  asProvider: ReputationSummary;
  asClient: ReputationSummary;
  ratings: CredentialRating[];
}

/** What a reputation credential says, as exported and as verified. */
export interface ReputationClaims {
  /** `urn:uuid:…`, new for each export. */
  id: string;
  /** The platform: its public API URL (PUBLIC_API_URL), where /.well-known/jwks.json serves the keys. */
  issuer: string;
  validFrom: Date;
  validUntil: Date;
  subject: CredentialSubject;
}

const DAY_MS = 86_400_000;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** XML Schema's dateTimeStamp as VC 2.0 asks for validFrom and validUntil: a date, a time and a zone. */
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** The validity of a credential issued at `now`: from the whole second (JWT times are seconds), for CREDENTIAL_VALIDITY_DAYS. */
export function validityFrom(now: Date): { validFrom: Date; validUntil: Date } {
  const validFrom = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return { validFrom, validUntil: new Date(validFrom.getTime() + CREDENTIAL_VALIDITY_DAYS * DAY_MS) };
}

/** The credential's JSON, the payload the platform signs. */
export function credentialOf(claims: ReputationClaims, issuerName: string): Record<string, unknown> {
  const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, { '@vocab': `${claims.issuer}/ns/reputation#` }],
    id: claims.id,
    type: ['VerifiableCredential', REPUTATION_CREDENTIAL_TYPE],
    issuer: { id: claims.issuer, name: issuerName },
    validFrom: claims.validFrom.toISOString().replace('.000Z', 'Z'),
    validUntil: claims.validUntil.toISOString().replace('.000Z', 'Z'),
    credentialSubject: claims.subject,
    iss: claims.issuer,
    sub: claims.subject.id,
    jti: claims.id,
    iat: seconds(claims.validFrom),
    nbf: seconds(claims.validFrom),
    exp: seconds(claims.validUntil),
  };
}

/** What a payload says if it is a reputation credential, or why it is not one (a phrase to follow "the credential"). */
export function claimsOf(payload: unknown): ReputationClaims | string {
  if (!isObject(payload)) return 'is not a JSON object';
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== CREDENTIALS_V2_CONTEXT) return `has no @context starting with ${CREDENTIALS_V2_CONTEXT}`;
  const type = payload.type;
  if (!Array.isArray(type) || !type.includes('VerifiableCredential') || !type.includes(REPUTATION_CREDENTIAL_TYPE))
    return `is not of the types VerifiableCredential and ${REPUTATION_CREDENTIAL_TYPE}`;
  if (typeof payload.id !== 'string' || !URN_UUID.test(payload.id)) return 'has no id (urn:uuid:…)';
  const issuer = isObject(payload.issuer) ? payload.issuer.id : payload.issuer;
  if (typeof issuer !== 'string') return 'has no issuer';
  const validFrom = dateTimeOf(payload.validFrom);
  const validUntil = dateTimeOf(payload.validUntil);
  if (!validFrom || !validUntil) return 'has no validFrom and validUntil (date-times with a time zone)';
  const subject = subjectOf(payload.credentialSubject);
  if (typeof subject === 'string') return `has a credentialSubject that ${subject}`;
  return { id: payload.id, issuer, validFrom, validUntil, subject };
}

function subjectOf(value: unknown): CredentialSubject | string {
  if (!isObject(value)) return 'is not an object';
  const { id, name, asProvider, asClient, ratings } = value;
  if (typeof id !== 'string' || !URN_UUID.test(id)) return 'has no id (urn:uuid:…)';
  if (typeof name !== 'string') return 'has no name';
  if (!isSummary(asProvider) || !isSummary(asClient)) return 'has no count and average for asProvider and asClient';
  if (!Array.isArray(ratings) || !ratings.every(isRating))
    return 'has ratings that are not each a role, a score, a date and a mission category';
  return { id, name, asProvider, asClient, ratings };
}

function isSummary(value: unknown): value is ReputationSummary {
  if (!isObject(value) || !isWholeNumber(value.count, 0, Number.MAX_SAFE_INTEGER)) return false;
  return value.count === 0 ? value.average === null : typeof value.average === 'number' && value.average >= 1 && value.average <= 5;
}

function isRating(value: unknown): value is CredentialRating {
  return (
    isObject(value) &&
    Object.values<unknown>(RatingRole).includes(value.role) &&
    isWholeNumber(value.score, 1, 5) &&
    typeof value.date === 'string' &&
    DAY.test(value.date) &&
    Object.values<unknown>(MissionCategory).includes(value.missionCategory)
  );
}

function dateTimeOf(value: unknown): Date | null {
  if (typeof value !== 'string' || !DATE_TIME_STAMP.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function isWholeNumber(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
