/**
 * Limits on the operations that cost the platform (a password hash, a stored file) or reach other
 * people (bids, missions, ratings, reports, cases for moderators), per client IP and per signed-in
 * user, each over its own fixed window. Sign-in has its own limits (`auth`): it counts failures.
 */
import { EnvReader } from './env-reader';

export interface RateLimit {
  windowSeconds: number;
  perIp: number;
  /** Absent for operations done before signing in. */
  perUser?: number;
}

const HOUR = 3600;

const DEFAULT_RATE_LIMITS = {
  register: { windowSeconds: HOUR, perIp: 20 },
  documentUpload: { windowSeconds: HOUR, perIp: 100, perUser: 20 },
  photoUpload: { windowSeconds: HOUR, perIp: 300, perUser: 60 },
  identityVerification: { windowSeconds: 24 * HOUR, perIp: 30, perUser: 5 },
  mission: { windowSeconds: HOUR, perIp: 200, perUser: 30 },
  bid: { windowSeconds: HOUR, perIp: 500, perUser: 100 },
  rating: { windowSeconds: HOUR, perIp: 200, perUser: 30 },
  report: { windowSeconds: HOUR, perIp: 100, perUser: 20 },
  dispute: { windowSeconds: HOUR, perIp: 50, perUser: 10 },
  /** sendMessage: a chat is quick, so the window is a minute. */
  message: { windowSeconds: 60, perIp: 1000, perUser: 100 },
  /** resendVerificationEmail: per IP and per signed-in user. */
  verificationEmail: { windowSeconds: HOUR, perIp: 30, perUser: 5 },
  /** requestPasswordReset and resetPassword: per IP, and per email address (`PER_USER`) for the request. */
  passwordReset: { windowSeconds: HOUR, perIp: 20, perUser: 5 },
  /** requestIncomeStatement: each one renders and stores a PDF. */
  incomeStatement: { windowSeconds: HOUR, perIp: 100, perUser: 20 },
  /** verifyIncomeStatement: anonymous, per IP, so codes cannot be tried in bulk. */
  incomeStatementVerification: { windowSeconds: HOUR, perIp: 60 },
  /** exportReputation: each one reads every published rating of the provider and signs a credential. */
  reputationExport: { windowSeconds: HOUR, perIp: 100, perUser: 20 },
  /** verifyReputationCredential: anonymous, per IP; each one checks a signature. */
  reputationCredentialVerification: { windowSeconds: HOUR, perIp: 300 },
  /** deleteMyAccount: each one checks a password (argon2), so it cannot serve to guess one. */
  accountDeletion: { windowSeconds: HOUR, perIp: 30, perUser: 5 },
  /** GET /auth/franceconnect: anonymous, per IP; each one stores an attempt (state, nonce, PKCE verifier). */
  franceconnect: { windowSeconds: HOUR, perIp: 100 },
} satisfies Record<string, RateLimit>;

export type RateLimitedOperation = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimitsConfig = Record<RateLimitedOperation, RateLimit>;

export const RATE_LIMITED_OPERATIONS = Object.keys(DEFAULT_RATE_LIMITS) as RateLimitedOperation[];

/** `documentUpload` → `RATE_LIMIT_DOCUMENT_UPLOAD`, followed by `_WINDOW_SECONDS`, `_PER_IP` or `_PER_USER`. */
export function rateLimitEnvPrefix(operation: RateLimitedOperation): string {
  return `RATE_LIMIT_${operation.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`;
}

export function readRateLimits(read: EnvReader): RateLimitsConfig {
  const entries = RATE_LIMITED_OPERATIONS.map((operation): [RateLimitedOperation, RateLimit] => {
    const defaults: RateLimit = DEFAULT_RATE_LIMITS[operation];
    const prefix = rateLimitEnvPrefix(operation);
    const limit: RateLimit = {
      windowSeconds: read.integer(`${prefix}_WINDOW_SECONDS`, defaults.windowSeconds, { min: 1, max: 7 * 24 * HOUR }),
      perIp: read.integer(`${prefix}_PER_IP`, defaults.perIp, { min: 1, max: 1_000_000 }),
    };
    if (defaults.perUser !== undefined) limit.perUser = read.integer(`${prefix}_PER_USER`, defaults.perUser, { min: 1, max: 1_000_000 });
    return [operation, limit];
  });
  return Object.fromEntries(entries) as RateLimitsConfig;
}
