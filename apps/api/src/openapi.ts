/**
 * The REST side of the API (GraphQL describes itself): OpenAPI 3.1, served in development at
 * GET /openapi.json. test/openapi.e2e-spec.ts checks that every route the app registers is here.
 */
import { STATUS_FOR_CODE } from '@marketplace/common';
import { MAX_DOCUMENT_BYTES } from '@marketplace/identity';
import { CONTEST_PATH } from '@marketplace/moderation-decisions';
import { MAX_PHOTO_BYTES } from '@marketplace/photos';
import { Router } from 'express';

export const OPENAPI_PATH = '/openapi.json';

const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errorResponse = (description: string) => ({ description, content: json(ref('Error')) });
const rateLimited = {
  description: 'Too many uploads: from this address or by this user within the window, or the daily quota.',
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } } },
  content: json(ref('Error')),
};

/** An invoice's document: to the provider and the client of its mission; to anyone else it does not exist. */
function invoiceDocument(summary: string, contentType: string) {
  return {
    get: {
      summary,
      description:
        "To the provider and the client of the invoice's mission (a FEE_INVOICE, the platform's to the provider: to the provider only). Rendered once, then served as stored (checked against its SHA-256).",
      tags: ['Invoices'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: {
        '200': {
          description: 'The document.',
          headers: {
            'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="<invoice number>.<pdf|xml>"' },
            'Cache-Control': { schema: { const: 'private, no-store' } },
          },
          content: { [contentType]: { schema: { type: 'string', contentMediaType: contentType } } },
        },
        '400': errorResponse('The id is not a UUID (BAD_USER_INPUT).'),
        '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
        '404': errorResponse('No such invoice, or the viewer is not a party to its mission (NOT_FOUND).'),
        '409': errorResponse('Issued, its documents still being rendered: ask again in a few seconds (CONFLICT).'),
        '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
      },
    },
  };
}

function webhook(summary: string, secret: string) {
  return {
    post: {
      summary,
      description:
        `Called by Stripe (or the local emulator), never by apps. The body is verified against the Stripe-Signature header with ${secret}; ` +
        'an event already processed is acknowledged again without being applied twice.',
      tags: ['Stripe webhooks'],
      security: [],
      parameters: [
        {
          name: 'Stripe-Signature',
          in: 'header',
          required: true,
          description: "Stripe's signature of the exact body bytes (`t=<timestamp>,v1=<hmac>`).",
          schema: { type: 'string' },
        },
      ],
      requestBody: { required: true, content: json({ type: 'object', description: 'A Stripe event.', additionalProperties: true }) },
      responses: {
        '200': {
          description: 'The event was received (and applied, unless it had been already).',
          content: json({
            type: 'object',
            required: ['received', 'duplicate'],
            properties: {
              received: { const: true },
              duplicate: { type: 'boolean', description: 'True when this event had been processed before.' },
            },
          }),
        },
        '400': {
          description: 'Missing or invalid signature, or a body that is not a Stripe event. These answers carry no requestId.',
          content: json(ref('Error')),
        },
        '500': errorResponse('Unexpected error: Stripe retries the event later.'),
      },
    },
  };
}

/** A multipart/form-data body with one field, `file`. */
const fileUpload = (description: string) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: { file: { type: 'string', contentMediaType: 'application/octet-stream', description } },
      },
    },
  },
});

function signedPhoto(summary: string, what: string) {
  return {
    get: {
      summary,
      description:
        'By the signed link a GraphQL `Photo` (or POST /photos) gave: it needs no access token, and lasts one to two PHOTO_LINK_TTL_SECONDS. ' +
        'The content never changes, so it may be cached for as long as the link lasts.',
      tags: ['Photos'],
      security: [],
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
        {
          name: 'expires',
          in: 'query',
          required: true,
          description: 'Unix time (seconds) the link expires at.',
          schema: { type: 'integer' },
        },
        {
          name: 'signature',
          in: 'query',
          required: true,
          description: "The link's signature (HMAC-SHA256, base64url).",
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: what,
          headers: {
            'Cache-Control': { schema: { type: 'string' }, description: 'public, max-age=<seconds the link has left>, immutable' },
          },
          content: { 'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } } },
        },
        '404': errorResponse('No such photo, or a link altered or expired: the two are not told apart (NOT_FOUND).'),
        '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
      },
    },
  };
}

const unsubscribeToken = {
  name: 'token',
  in: 'query',
  required: true,
  description: 'The signed token of the link, as the email gave it.',
  schema: { type: 'string' },
};

const unsubscribeRefusals = {
  '400': errorResponse('The token is missing, altered, or not for a kind that can be turned off (BAD_USER_INPUT).'),
  '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR); nothing was changed.'),
};

const html = { 'text/html': { schema: { type: 'string' } } };
const contestToken = { ...unsubscribeToken, description: 'The signed token of the contest link, as the email gave it.' };
const contestText = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string', minLength: 10, maxLength: 2000, description: 'Why the decision is wrong.' } },
};
/** A page of the contest link, never cached (its token is in the URL). */
const contestPage = (description: string) => ({
  description,
  headers: { 'Cache-Control': { schema: { const: 'no-store' } } },
  content: html,
});
/** A refused post: JSON for a JSON body, the contest page saying why for a form. */
const contestRefusal = (description: string) => ({ description, content: { ...json(ref('Error')), ...html } });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Jobbing marketplace: REST routes',
    version: '1',
    description:
      'Everything else is GraphQL at POST /graphql (schema: apps/api/schema.gql, IDE: GET /graphql in a browser, in development). ' +
      'Errors have the same codes as GraphQL errors (docs/errors.md).',
  },
  tags: [
    { name: 'Identity documents' },
    { name: 'Photos' },
    { name: 'Income statements' },
    { name: 'Reputation credentials' },
    { name: 'Stripe webhooks' },
    { name: 'Email' },
    { name: 'Operations' },
  ],
  paths: {
    '/identity/documents': {
      post: {
        summary: 'Upload an identity document',
        description:
          'The uploaded document is then named by its id in the `submitIdentityVerification` mutation. ' +
          'The type is recognised from the content (not the declared type); the file is encrypted at rest.',
        tags: ['Identity documents'],
        requestBody: fileUpload('A JPEG, PNG or PDF file.'),
        responses: {
          '201': {
            description: 'Stored.',
            content: json({
              type: 'object',
              required: ['id', 'mimeType', 'sizeBytes'],
              properties: {
                id: { type: 'string', format: 'uuid' },
                mimeType: { enum: ['image/jpeg', 'image/png', 'application/pdf'] },
                sizeBytes: { type: 'integer', minimum: 1, maximum: MAX_DOCUMENT_BYTES },
              },
            }),
          },
          '400': errorResponse(
            'No `file` field, an empty file, a type other than JPEG, PNG or PDF, or a body cut short (BAD_USER_INPUT, with `fields`).',
          ),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '409': errorResponse('Too many documents uploaded and not yet submitted for verification (CONFLICT).'),
          '413': errorResponse(`The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB (BAD_USER_INPUT).`),
          '429': rateLimited,
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR); nothing was stored.'),
        },
      },
    },
    '/identity/documents/{id}': {
      get: {
        summary: 'Download an identity document',
        description: 'To its owner and to moderators; to anyone else it does not exist.',
        tags: ['Identity documents'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'The file, as uploaded.',
            headers: {
              'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="<id>"' },
              'Cache-Control': { schema: { const: 'private, no-store' } },
            },
            content: {
              'image/jpeg': { schema: { type: 'string', contentMediaType: 'image/jpeg' } },
              'image/png': { schema: { type: 'string', contentMediaType: 'image/png' } },
              'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } },
            },
          },
          '400': errorResponse('The id is not a UUID (BAD_USER_INPUT).'),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '404': errorResponse('No such document, or not the viewer’s own (NOT_FOUND).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/photos': {
      post: {
        summary: 'Upload a photo',
        description:
          'For a mission (`postMission` `photoIds`, `addMissionPhotos`) or a message: the uploaded photo is then named by its id. ' +
          'JPEG or PNG, recognised from the content; re-encoded as a JPEG, turned upright by its EXIF orientation, stripped of all metadata ' +
          '(EXIF, GPS location), fitted within 2560 px, with a thumbnail 400 px wide. Unattached photos are deleted after PHOTO_UNATTACHED_RETENTION_HOURS.',
        tags: ['Photos'],
        requestBody: fileUpload('A JPEG or PNG image.'),
        responses: {
          '201': {
            description: 'Stored.',
            content: json({
              type: 'object',
              required: ['id', 'url', 'thumbnailUrl', 'width', 'height'],
              properties: {
                id: { type: 'string', format: 'uuid' },
                url: { type: 'string', format: 'uri', description: 'Signed, expiring link to the photo (GET /photos/{id}).' },
                thumbnailUrl: {
                  type: 'string',
                  format: 'uri',
                  description: 'Signed, expiring link to its thumbnail (GET /photos/{id}/thumbnail).',
                },
                width: { type: 'integer', minimum: 1, maximum: 2560 },
                height: { type: 'integer', minimum: 1, maximum: 2560 },
              },
            }),
          },
          '400': errorResponse(
            'No `file` field, an empty file, a type other than JPEG or PNG, an image that does not decode or has more than 50 million pixels, or a body cut short (BAD_USER_INPUT, with `fields`).',
          ),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '409': errorResponse('Too many photos uploaded and attached to nothing (PHOTO_MAX_UNATTACHED) (CONFLICT).'),
          '413': errorResponse(`The file is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB (BAD_USER_INPUT).`),
          '429': {
            ...rateLimited,
            description: 'Too many uploads from this address or by this user within the window (RATE_LIMIT_PHOTO_UPLOAD_*).',
          },
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR); nothing was stored.'),
        },
      },
    },
    '/photos/{id}': signedPhoto('A photo', 'The photo, as stored (JPEG).'),
    '/photos/{id}/thumbnail': signedPhoto("A photo's thumbnail", 'The thumbnail (JPEG, 400 px wide).'),
    '/invoices/{id}.pdf': invoiceDocument('The Factur-X PDF (PDF/A-3b, its CII XML embedded as factur-x.xml)', 'application/pdf'),
    '/invoices/{id}.xml': invoiceDocument('The CII XML (Factur-X EN 16931), as embedded in the PDF', 'application/xml'),
    '/receipts/{id}.pdf': {
      get: {
        summary: 'A payment receipt, as a PDF (not an invoice)',
        description:
          "To the client of the receipt's mission (Mission.paymentReceipt), which got no invoice from the platform: what they paid, when, to whom, and why there is no invoice.",
        tags: ['Invoices'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'The receipt.',
            headers: {
              'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="recu-<id>.pdf"' },
              'Cache-Control': { schema: { const: 'private, no-store' } },
            },
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          },
          '400': errorResponse('The id is not a UUID (BAD_USER_INPUT).'),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '404': errorResponse('No such receipt, or the viewer is not the client of its mission (NOT_FOUND).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/income-statements/{id}.pdf': {
      get: {
        summary: 'An income statement (PDF/A-2b), signed by the platform',
        description: 'To its provider only (requestIncomeStatement issues it). Served as stored, checked against its SHA-256.',
        tags: ['Income statements'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'The PDF.',
            headers: {
              'Content-Disposition': {
                schema: { type: 'string' },
                description: 'attachment; filename="attestation-revenus-<from>-<to>.pdf"',
              },
              'Cache-Control': { schema: { const: 'private, no-store' } },
            },
            content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
          },
          '400': errorResponse('The id is not a UUID (BAD_USER_INPUT).'),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '403': errorResponse('The viewer is not a provider (FORBIDDEN).'),
          '404': errorResponse('No such statement, or not the viewer’s (NOT_FOUND).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/exports/{id}': {
      get: {
        summary: "A data export's zip archive",
        description:
          'To its owner only (requestDataExport asks for it, myDataExports gives its downloadPath), for 24 hours after it is ready: a JSON file per domain and the user’s own files under files/. Served as stored, checked against its SHA-256.',
        tags: ['Personal data'],
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'The archive.',
            headers: {
              'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="data-export-<yyyy-mm-dd>.zip"' },
              'Cache-Control': { schema: { const: 'private, no-store' } },
            },
            content: { 'application/zip': { schema: { type: 'string', contentMediaType: 'application/zip' } } },
          },
          '400': errorResponse('The id is not a UUID (BAD_USER_INPUT).'),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '404': errorResponse('No such export, or not the viewer’s (NOT_FOUND).'),
          '409': errorResponse('The export is not ready yet: its owner is notified when it is (CONFLICT).'),
          '410': errorResponse('The export expired and its archive is deleted: ask for a new one (code BAD_USER_INPUT).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/providers/me/urssaf.csv': {
      get: {
        summary: "The provider's URSSAF declaration figures for a period, as CSV",
        description:
          'The same figures as the `urssafDeclaration` query (from the ledger, at the year’s rates), `;`-separated with amounts in euros, one line per activity and a total.',
        tags: ['Taxes'],
        parameters: [
          {
            name: 'period',
            in: 'query',
            required: true,
            description: 'A month (2026-11) or a quarter (2026-Q4), started already.',
            schema: { type: 'string', pattern: '^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$' },
          },
        ],
        responses: {
          '200': {
            description: 'The declaration.',
            headers: {
              'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="urssaf-<period>.csv"' },
              'Cache-Control': { schema: { const: 'private, no-store' } },
            },
            content: { 'text/csv': { schema: { type: 'string' } } },
          },
          '400': errorResponse('The period is malformed or has not started (BAD_USER_INPUT).'),
          '401': errorResponse('No valid access token (UNAUTHENTICATED).'),
          '403': errorResponse('The viewer is not a provider (FORBIDDEN).'),
          '409': errorResponse('The provider has no tax profile yet (CONFLICT).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/auth/franceconnect': {
      get: {
        summary: 'Start a sign-in, or a link, with FranceConnect',
        description:
          "Opened in the browser: redirects to FranceConnect's authorization page with a state and a nonce kept in a short-lived cookie. " +
          '`?attempt=` carries the link attempt that `startFranceConnectLink` returned, to link a signed-in account; without it, a sign-in.',
        tags: ['FranceConnect'],
        security: [],
        parameters: [
          {
            name: 'attempt',
            in: 'query',
            required: false,
            description: 'A link attempt from startFranceConnectLink.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          '302': { description: 'To FranceConnect.' },
          '303': {
            description:
              'Back to the web app with `?error=UNKNOWN_ATTEMPT` when the link attempt is unknown or spent, or `?error=PROVIDER_UNAVAILABLE` when FranceConnect cannot be reached (nothing is stored).',
          },
          '403': errorResponse('FranceConnect is not enabled on this server (FORBIDDEN).'),
          '429': {
            ...rateLimited,
            description: 'Too many starts from this address within the window (RATE_LIMIT_FRANCECONNECT_*): nothing is stored.',
          },
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/auth/franceconnect/callback': {
      get: {
        summary: "FranceConnect's redirect back",
        description:
          'Checks the state, the code, the id_token (signature, issuer, audience, expiry, nonce, acr) and the person, then redirects to the web app ' +
          '(its /franceconnect page, under PUBLIC_APP_URL) with `?code=` to exchange for tokens with `exchangeSignInCode`, or `?error=<reason>`: never a token in a URL.',
        tags: ['FranceConnect'],
        security: [],
        parameters: [
          { name: 'code', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'state', in: 'query', required: false, schema: { type: 'string' } },
          {
            name: 'error',
            in: 'query',
            required: false,
            description: "FranceConnect's error, when the person cancelled.",
            schema: { type: 'string' },
          },
        ],
        responses: {
          '303': { description: 'To the web app, with `?code=` or `?error=` (`PROVIDER_UNAVAILABLE` when FranceConnect does not answer).' },
          '403': errorResponse('FranceConnect is not enabled on this server (FORBIDDEN).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
    },
    '/webhooks/stripe': webhook("Stripe's events for the platform account", 'STRIPE_WEBHOOK_SECRET'),
    '/webhooks/stripe/connect': webhook("Stripe's events for connected accounts (a Connect endpoint)", 'STRIPE_CONNECT_WEBHOOK_SECRET'),
    '/email/unsubscribe': {
      get: {
        summary: "Follow an email's unsubscribe link",
        description: 'Turns off, for its user, the email kind the link was sent for. The link is signed: it needs no access token.',
        tags: ['Email'],
        security: [],
        parameters: [unsubscribeToken],
        responses: {
          '200': { description: 'Turned off: a short page that says so.', content: html },
          ...unsubscribeRefusals,
        },
      },
      post: {
        summary: 'One-click unsubscribe (RFC 8058)',
        description:
          "What a mail client posts for the email's `List-Unsubscribe` header (body `List-Unsubscribe=One-Click`): the same as following the link.",
        tags: ['Email'],
        security: [],
        parameters: [unsubscribeToken],
        responses: {
          '200': {
            description: 'Turned off.',
            content: json({
              type: 'object',
              required: ['unsubscribed'],
              properties: { unsubscribed: { type: 'string', description: 'The email kind turned off.' } },
            }),
          },
          ...unsubscribeRefusals,
        },
      },
    },
    [CONTEST_PATH]: {
      get: {
        summary: 'The contest page of a statement of reasons',
        description:
          'Where the contest link of a statement of reasons leads (also for a suspended user, who cannot sign in): a plain HTML page, ' +
          "in the user's language (the browser's when the link names no statement), with the decision (kind, date, facts, ground, how automated), " +
          'its window, and a form posting the text to this same link, or where its contest stands. No script. The link is signed: it needs no access token.',
        tags: ['Email'],
        security: [],
        parameters: [contestToken],
        responses: {
          '200': contestPage('The decision, and the form to contest it (or its contest, or that its window is over).'),
          '400': contestPage('The link is missing or altered (BAD_USER_INPUT): a page that says so.'),
          '404': contestPage('The decision no longer exists (NOT_FOUND): a page that says so.'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR).'),
        },
      },
      post: {
        summary: 'Contest a moderation decision by the link of its statement of reasons',
        description:
          'The same as `contestModerationDecision`, once per decision, within six months. The contest page posts its form ' +
          '(`application/x-www-form-urlencoded`) and gets a page back; a JSON body gets JSON back. The link is signed: it needs no access token.',
        tags: ['Email'],
        security: [],
        parameters: [contestToken],
        requestBody: {
          required: true,
          content: { ...json(contestText), 'application/x-www-form-urlencoded': { schema: contestText } },
        },
        responses: {
          '200': {
            description: 'Contested: a moderator who did not take the decision will review it. For a form, the page says so.',
            content: {
              ...json({
                type: 'object',
                required: ['decisionId', 'contested'],
                properties: { decisionId: { type: 'string', format: 'uuid' }, contested: { type: 'boolean', const: true } },
              }),
              ...html,
            },
          },
          '400': contestRefusal('The token is missing or altered, or the text is not 10 to 2000 characters (BAD_USER_INPUT).'),
          '404': contestRefusal('The decision no longer exists (NOT_FOUND).'),
          '409': contestRefusal('Already contested, or the six months to contest are over (CONFLICT).'),
          '500': errorResponse('Unexpected error (INTERNAL_SERVER_ERROR); nothing was changed.'),
        },
      },
    },
    '/.well-known/jwks.json': {
      get: {
        summary: 'The public keys that verify reputation credentials',
        description:
          'A JWK Set (RFC 7517) of P-256 keys (ES256), each with its kid, use and alg: the key that signs now first, then the retired keys that still verify what they signed. ' +
          'Verify the jws of `exportReputation` with any JOSE library against this URL (e.g. jose: createRemoteJWKSet and jwtVerify).',
        tags: ['Reputation credentials'],
        security: [],
        responses: {
          '200': {
            description: 'The key set.',
            headers: {
              'Cache-Control': { schema: { const: 'public, max-age=900' } },
              'Access-Control-Allow-Origin': { schema: { const: '*' } },
            },
            content: {
              'application/jwk-set+json': {
                schema: {
                  type: 'object',
                  required: ['keys'],
                  properties: {
                    keys: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['kty', 'crv', 'x', 'y', 'kid', 'use', 'alg'],
                        properties: {
                          kty: { const: 'EC' },
                          crv: { const: 'P-256' },
                          x: { type: 'string' },
                          y: { type: 'string' },
                          kid: { type: 'string' },
                          use: { const: 'sig' },
                          alg: { const: 'ES256' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    '/health': {
      get: {
        summary: 'Health, for load balancers and orchestrators',
        tags: ['Operations'],
        security: [],
        responses: {
          '200': { description: 'The API reaches its database and is not stopping.', content: json(ref('Health')) },
          '503': {
            description: 'The database is unreachable (status `error`) or the API is stopping (status `draining`).',
            content: json(ref('Health')),
          },
        },
      },
    },
    '/health/live': {
      get: {
        summary: 'Liveness: the process answers',
        description: 'Always 200 while the process can answer, draining or not: an orchestrator restarts the process only when this fails.',
        tags: ['Operations'],
        security: [],
        responses: {
          '200': {
            description: 'The process answers.',
            content: json({
              type: 'object',
              required: ['status', 'uptimeSeconds'],
              properties: { status: { const: 'ok' }, uptimeSeconds: { type: 'integer', minimum: 0 } },
            }),
          },
        },
      },
    },
    '/health/ready': {
      get: {
        summary: 'Readiness: send this instance traffic',
        description:
          'Ready when the database answers, holds every migration of this build (a release applies them with `npm run cli -- migrate`), ' +
          'and the API is not draining for a shutdown.',
        tags: ['Operations'],
        security: [],
        responses: {
          '200': { description: 'Ready (status `ready`).', content: json(ref('Readiness')) },
          '503': {
            description: 'The database is unreachable, migrations are pending (named), or the API is stopping (status `draining`).',
            content: json(ref('Readiness')),
          },
        },
      },
    },
  },
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'The `accessToken` from the `signIn` or `refreshSession` mutation.',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: { enum: [...Object.keys(STATUS_FOR_CODE), 'INTERNAL_SERVER_ERROR'] },
              message: { type: 'string', description: 'For humans, safe to show.' },
              requestId: { type: 'string', description: 'As the X-Request-Id response header: quote it when reporting a problem.' },
              fields: {
                type: 'array',
                description: 'BAD_USER_INPUT: the offending fields.',
                items: {
                  type: 'object',
                  required: ['field', 'message'],
                  properties: { field: { type: 'string' }, message: { type: 'string' } },
                },
              },
              retryAfterSeconds: { type: 'integer', description: 'TOO_MANY_REQUESTS: as the Retry-After header.' },
            },
          },
        },
      },
      Health: {
        type: 'object',
        required: ['status', 'database'],
        properties: {
          status: { enum: ['ok', 'error', 'draining'] },
          database: {
            type: 'object',
            required: ['status', 'latencyMs'],
            properties: { status: { enum: ['up', 'down'] }, latencyMs: { type: 'integer', minimum: 0 } },
          },
        },
      },
      Readiness: {
        type: 'object',
        required: ['status', 'database', 'migrations'],
        properties: {
          status: { enum: ['ready', 'not_ready', 'draining'] },
          database: { $ref: '#/components/schemas/Health/properties/database' },
          migrations: {
            type: 'object',
            required: ['status'],
            properties: {
              status: { enum: ['applied', 'pending', 'unknown'] },
              pending: { type: 'array', items: { type: 'string' }, description: 'The migrations of this build the database lacks.' },
            },
          },
        },
      },
    },
  },
  security: [{ bearer: [] }],
};

export function openApiRoute(): Router {
  return Router().get(OPENAPI_PATH, (_req, res) => {
    res.json(OPENAPI_DOCUMENT);
  });
}
