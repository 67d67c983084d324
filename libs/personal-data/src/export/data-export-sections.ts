/**
 * What a data export holds: one JSON file per domain, each read by one statement about the user
 * ($1). A read-only projection across the domains' tables, kept in one place so that what leaves
 * the platform can be reviewed at a glance. Other people appear only as the API shows them to the
 * user: by id and display name (never their email, phone or address); columns that name who
 * handled a case (moderators, reviewers) and secrets (password hash, token hashes, client secrets,
 * storage keys) are left out.
 */
import { INVOICE_VISIBLE_TO_VIEWER } from '@marketplace/invoicing';

/** One file of the archive: its rows, or its one object (`single`), as JSON. */
export interface DataExportSection {
  file: string;
  sql: string;
  single?: boolean;
}

const INVOICE_VISIBLE = INVOICE_VISIBLE_TO_VIEWER.replaceAll(':viewerId', '$1');
const MY_PAYMENTS = `SELECT id FROM payments WHERE client_id = $1 OR provider_id = $1`;

export const DATA_EXPORT_SECTIONS: readonly DataExportSection[] = [
  { file: 'account.json', single: true, sql: `SELECT to_jsonb(u) - 'password_hash' AS row FROM users u WHERE u.id = $1` },
  {
    file: 'sessions.json',
    sql: `SELECT to_jsonb(t) - 'token_hash' AS row FROM refresh_tokens t WHERE t.user_id = $1 ORDER BY t.created_at`,
  },
  { file: 'provider-profile.json', single: true, sql: `SELECT to_jsonb(p) AS row FROM provider_profiles p WHERE p.user_id = $1` },
  { file: 'billing-profile.json', single: true, sql: `SELECT to_jsonb(b) AS row FROM billing_profiles b WHERE b.user_id = $1` },
  {
    file: 'billing-mandates.json',
    sql: `SELECT to_jsonb(b) AS row FROM billing_mandates b WHERE b.provider_id = $1 ORDER BY b.accepted_at`,
  },
  { file: 'tax-profile.json', single: true, sql: `SELECT to_jsonb(t) AS row FROM tax_profiles t WHERE t.user_id = $1` },
  {
    file: 'tax-threshold-alerts.json',
    sql: `SELECT to_jsonb(a) AS row FROM tax_threshold_alerts a WHERE a.user_id = $1 ORDER BY a.sent_at`,
  },
  { file: 'dac7-details.json', single: true, sql: `SELECT to_jsonb(d) AS row FROM dac7_details d WHERE d.user_id = $1` },
  { file: 'franceconnect-links.json', sql: `SELECT to_jsonb(f) AS row FROM franceconnect_links f WHERE f.user_id = $1` },
  {
    file: 'identity-verifications.json',
    sql: `SELECT to_jsonb(v) - 'assigned_to_id' - 'decided_by_id' AS row FROM identity_verifications v WHERE v.user_id = $1 ORDER BY v.submitted_at`,
  },
  {
    file: 'identity-documents.json',
    sql: `SELECT to_jsonb(d) - 'storage_key' AS row FROM identity_documents d WHERE d.owner_id = $1 ORDER BY d.created_at`,
  },
  { file: 'photos.json', sql: `SELECT to_jsonb(p) AS row FROM photos p WHERE p.owner_id = $1 ORDER BY p.created_at` },
  {
    file: 'missions.json',
    sql: `SELECT to_jsonb(m) - 'search_vector' || jsonb_build_object('my_role', CASE WHEN m.client_id = $1 THEN 'CLIENT' ELSE 'PROVIDER' END) AS row
            FROM missions m WHERE m.client_id = $1 OR m.assigned_provider_id = $1 ORDER BY m.created_at`,
  },
  {
    file: 'bids-placed.json',
    sql: `SELECT to_jsonb(b) || jsonb_build_object('mission_title', m.title) AS row
            FROM bids b JOIN missions m ON m.id = b.mission_id WHERE b.provider_id = $1 ORDER BY b.created_at`,
  },
  {
    file: 'bids-received.json',
    sql: `SELECT jsonb_build_object('id', b.id, 'mission_id', b.mission_id, 'mission_title', m.title, 'provider_id', b.provider_id,
                   'provider_display_name', u.display_name, 'amount_cents', b.amount_cents, 'currency', b.currency, 'message', b.message,
                   'estimated_hours', b.estimated_hours, 'status', b.status, 'created_at', b.created_at) AS row
            FROM bids b JOIN missions m ON m.id = b.mission_id JOIN users u ON u.id = b.provider_id
           WHERE m.client_id = $1 ORDER BY b.created_at`,
  },
  {
    file: 'conversations.json',
    sql: `SELECT jsonb_build_object('id', c.id, 'mission_id', c.mission_id, 'mission_title', m.title,
                   'my_role', CASE WHEN c.client_id = $1 THEN 'CLIENT' ELSE 'PROVIDER' END,
                   'other_party_id', o.id, 'other_party_display_name', o.display_name,
                   'last_message_at', c.last_message_at, 'created_at', c.created_at) AS row
            FROM conversations c JOIN missions m ON m.id = c.mission_id
            JOIN users o ON o.id = CASE WHEN c.client_id = $1 THEN c.provider_id ELSE c.client_id END
           WHERE $1 IN (c.client_id, c.provider_id) ORDER BY c.created_at`,
  },
  {
    file: 'ratings-given.json',
    sql: `SELECT to_jsonb(r) || jsonb_build_object('subject_display_name', s.display_name) AS row
            FROM ratings r JOIN users s ON s.id = r.subject_id WHERE r.author_id = $1 ORDER BY r.created_at`,
  },
  {
    // As the user sees them: published ones only (an unpublished rating stays sealed until they rate back).
    file: 'ratings-received.json',
    sql: `SELECT jsonb_build_object('id', r.id, 'mission_id', r.mission_id, 'role', r.role, 'score', r.score, 'comment', r.comment,
                   'reply', r.reply, 'replied_at', r.replied_at, 'published_at', r.published_at, 'hidden_at', r.hidden_at,
                   'author_id', r.author_id, 'author_display_name', a.display_name) AS row
            FROM ratings r JOIN users a ON a.id = r.author_id
           WHERE r.subject_id = $1 AND r.published_at IS NOT NULL ORDER BY r.published_at`,
  },
  {
    file: 'payments.json',
    sql: `SELECT to_jsonb(p) - 'client_secret' AS row FROM payments p WHERE p.client_id = $1 OR p.provider_id = $1 ORDER BY p.created_at`,
  },
  { file: 'refunds.json', sql: `SELECT to_jsonb(r) AS row FROM refunds r WHERE r.payment_id IN (${MY_PAYMENTS}) ORDER BY r.created_at` },
  {
    file: 'chargebacks.json',
    sql: `SELECT to_jsonb(c) AS row FROM chargebacks c WHERE c.payment_id IN (${MY_PAYMENTS}) ORDER BY c.created_at`,
  },
  { file: 'payouts.json', sql: `SELECT to_jsonb(p) AS row FROM payouts p WHERE p.provider_id = $1 ORDER BY p.created_at` },
  {
    file: 'ledger-entries.json',
    sql: `SELECT to_jsonb(l) AS row FROM ledger_entries l WHERE l.payment_id IN (${MY_PAYMENTS}) ORDER BY l.created_at, l.id`,
  },
  {
    file: 'invoices.json',
    sql: `SELECT to_jsonb(i) - 'pdf_key' - 'xml_key' AS row FROM invoices i WHERE ${INVOICE_VISIBLE} ORDER BY i.issued_at, i.number`,
  },
  {
    file: 'payment-receipts.json',
    sql: `SELECT to_jsonb(r) AS row FROM payment_receipts r WHERE r.client_id = $1 ORDER BY r.issued_at`,
  },
  {
    file: 'income-statements.json',
    sql: `SELECT to_jsonb(s) - 'pdf_key' AS row FROM income_statements s WHERE s.provider_id = $1 ORDER BY s.issued_at`,
  },
  {
    file: 'moderation-decisions.json',
    sql: `SELECT to_jsonb(d) - 'moderator_id' AS row FROM moderation_decisions d WHERE d.user_id = $1 ORDER BY d.created_at`,
  },
  {
    file: 'moderation-contests.json',
    sql: `SELECT to_jsonb(c) - 'reviewer_id' - 'decided_by_id' AS row FROM moderation_contests c WHERE c.user_id = $1 ORDER BY c.created_at`,
  },
  {
    file: 'reports-filed.json',
    sql: `SELECT to_jsonb(r) - 'resolved_by_id' AS row FROM reports r WHERE r.reporter_id = $1 ORDER BY r.created_at`,
  },
  {
    file: 'notifications.json',
    sql: `SELECT to_jsonb(n) AS row FROM notifications n WHERE n.user_id = $1 ORDER BY n.created_at`,
  },
  {
    file: 'notification-preferences.json',
    sql: `SELECT to_jsonb(p) AS row FROM notification_preferences p WHERE p.user_id = $1 ORDER BY p.kind`,
  },
  {
    // Their bodies carry single-use links: what was sent, to which address, and when.
    file: 'emails.json',
    sql: `SELECT jsonb_build_object('id', e.id, 'kind', e.kind, 'to_address', e.to_address, 'subject', e.subject,
                   'created_at', e.created_at, 'sent_at', e.sent_at) AS row
            FROM email_outbox e WHERE e.user_id = $1 ORDER BY e.created_at`,
  },
  {
    file: 'data-exports.json',
    sql: `SELECT to_jsonb(d) - 'storage_key' AS row FROM data_exports d WHERE d.user_id = $1 ORDER BY d.requested_at`,
  },
];

/**
 * The messages of the user's conversations, with what decides how the user reads each one
 * (ConversationsService's rules: their own in full, the other side's masked until contact
 * details are shown, hidden ones without their text).
 */
export const MESSAGES_OF_USER = `
  SELECT x.id, x.conversation_id AS "conversationId", x.author_id AS "authorId", x.text, x.photo_ids AS "photoIds",
         x.created_at AS "createdAt", x.hidden_at AS "hiddenAt",
         c.client_id AS "clientId", c.provider_id AS "providerId", m.assigned_provider_id AS "assignedProviderId"
    FROM messages x JOIN conversations c ON c.id = x.conversation_id JOIN missions m ON m.id = c.mission_id
   WHERE $1 IN (c.client_id, c.provider_id)
   ORDER BY x.created_at, x.id`;

/** The user's own stored files that go into the archive, each with where it is kept. */
export const FILES_OF_USER = {
  identityDocuments: `SELECT id, mime_type AS "mimeType" FROM identity_documents WHERE owner_id = $1 ORDER BY created_at`,
  photos: `SELECT id FROM photos WHERE owner_id = $1 ORDER BY created_at`,
  invoices: `SELECT i.number, i.pdf_key AS "key" FROM invoices i WHERE ${INVOICE_VISIBLE} AND i.pdf_key IS NOT NULL ORDER BY i.issued_at`,
  incomeStatements: `SELECT id, pdf_key AS "key" FROM income_statements WHERE provider_id = $1 ORDER BY issued_at`,
} as const;
