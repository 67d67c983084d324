/**
 * The rows an account's erasure deletes or clears, one statement each about the user ($1), run in
 * the erasure's transaction after the domains' own operations (sessions revoked, open missions
 * and bids withdrawn). What stays, and why, is KEPT_AFTER_DELETION (account-deletion-rules.ts).
 */

/** How an erased account is named wherever it still appears (ratings it gave, conversations, invoices' parties). */
export const FORMER_MEMBER = 'Former member';

/** The files the erasure leaves to delete after commit: photos (both variants), identity documents, export archives. */
export const ERASED_FILES_OF_USER = `
  SELECT ARRAY(SELECT id::text FROM photos WHERE owner_id = $1) AS "photoIds",
         ARRAY(SELECT storage_key FROM identity_documents WHERE owner_id = $1
               UNION ALL SELECT storage_key FROM data_exports WHERE user_id = $1 AND storage_key IS NOT NULL) AS "storageKeys"`;

export const ERASURE_STATEMENTS: readonly string[] = [
  // Sign-in: pending email links, the FranceConnect link and what a FranceConnect sign-in left.
  `DELETE FROM account_tokens WHERE user_id = $1`,
  `DELETE FROM franceconnect_links WHERE user_id = $1`,
  `DELETE FROM franceconnect_sign_in_codes WHERE user_id = $1`,
  `DELETE FROM franceconnect_attempts WHERE linking_user_id = $1`,
  // Notifications, preferences and every email to them (those not sent yet are dropped: their job finds nothing).
  `DELETE FROM notifications WHERE user_id = $1`,
  `DELETE FROM notification_preferences WHERE user_id = $1`,
  `DELETE FROM email_outbox WHERE user_id = $1`,
  // Content: their messages, photos and identity documents (moderation decisions and their statements of reasons stay).
  `DELETE FROM messages WHERE author_id = $1`,
  `DELETE FROM photos WHERE owner_id = $1`,
  `DELETE FROM identity_documents WHERE owner_id = $1`,
  `DELETE FROM identity_document_uploads WHERE owner_id = $1`,
  // Legal name and date of birth: DAC7 reports them for a provider paid through the platform (KEPT_AFTER_DELETION); nobody else's are kept.
  `DELETE FROM identity_verifications WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM payouts WHERE provider_id = $1)`,
  // The exact address of their missions: the public point (about 1 km) stays, as everyone saw it.
  `UPDATE missions SET address = city, latitude = public_latitude, longitude = public_longitude, updated_at = now() WHERE client_id = $1`,
  // The public profile goes; a provider paid through the platform keeps the SIRET that DAC7 reports, under no name.
  `DELETE FROM provider_profiles WHERE user_id = $1 AND NOT EXISTS (SELECT 1 FROM payouts WHERE provider_id = $1)`,
  `UPDATE provider_profiles SET headline = '${FORMER_MEMBER}', bio = NULL, hourly_rate_cents = NULL, payouts_enabled = false, updated_at = now() WHERE user_id = $1`,
  // Ratings about them leave every view with their reputation; the ratings they gave stay, by a former member.
  `DELETE FROM ratings WHERE subject_id = $1`,
  `DELETE FROM reputations WHERE user_id = $1`,
  `DELETE FROM data_exports WHERE user_id = $1`,
];
