/**
 * The Stripe API paths the emulator answers: each reads its parameters and calls one operation of
 * the emulated Stripe. Paths, parameter names and list shapes are Stripe's; `expand[]` is honoured
 * for fields holding the id of an object the emulator knows.
 */
import { EmulatedConnect } from './emulated-connect';
import { EmulatedPayments } from './emulated-payments';
import { RequestParams } from './request-params';
import { StripeApiError } from './stripe-errors';
import { ListObject, RequestOrigin, StoredObject, StripeObject } from './stripe-object-types';
import { EmulatedObjectType, StripeStore } from './stripe-store';

export interface ApiCall {
  params: RequestParams;
  pathParams: Record<string, string>;
  origin: RequestOrigin;
}

export type ApiResult = StripeObject | ListObject<StoredObject>;

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(call: ApiCall): ApiResult;
}

const MAX_LIST_LIMIT = 100;

export function stripeApiRoutes(store: StripeStore, payments: EmulatedPayments, connect: EmulatedConnect): ApiRoute[] {
  const retrieve =
    (type: EmulatedObjectType) =>
    ({ pathParams }: ApiCall): StoredObject =>
      store.get(type, pathParams.id);
  return [
    {
      method: 'POST',
      path: '/v1/accounts',
      handle: ({ params }) =>
        connect.createAccount({
          type: params.oneOf('type', ['custom', 'express', 'standard']),
          country: params.optionalString('country')?.toUpperCase() ?? 'US',
          businessType: params.optionalString('business_type'),
          email: params.optionalString('email'),
          capabilities: params.requestedCapabilities(),
          metadata: params.metadata(),
        }),
    },
    { method: 'GET', path: '/v1/accounts/:id', handle: retrieve('account') },
    {
      method: 'POST',
      path: '/v1/account_links',
      handle: ({ params }) => {
        params.oneOf('type', ['account_onboarding', 'account_update']);
        return connect.createAccountLink(params.string('account'), params.webUrl('return_url'), params.webUrl('refresh_url'));
      },
    },
    {
      method: 'POST',
      path: '/v1/payment_intents',
      handle: ({ params, origin }) =>
        payments.createPaymentIntent(
          {
            amount: params.amount('amount'),
            currency: params.currency(),
            metadata: params.metadata(),
            description: params.optionalString('description'),
            transferGroup: params.optionalString('transfer_group'),
            paymentMethodTypes: params.stringList('payment_method_types'),
          },
          origin,
        ),
    },
    { method: 'GET', path: '/v1/payment_intents/:id', handle: retrieve('payment_intent') },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/confirm',
      handle: ({ params, pathParams, origin }) =>
        payments.confirmPaymentIntent(pathParams.id, params.optionalString('payment_method'), origin),
    },
    {
      method: 'POST',
      path: '/v1/payment_intents/:id/cancel',
      handle: ({ params, pathParams, origin }) =>
        payments.cancelPaymentIntent(pathParams.id, params.optionalString('cancellation_reason'), origin),
    },
    { method: 'GET', path: '/v1/charges/:id', handle: retrieve('charge') },
    {
      method: 'POST',
      path: '/v1/refunds',
      handle: ({ params, origin }) =>
        payments.createRefund(
          {
            paymentIntent: params.optionalString('payment_intent'),
            charge: params.optionalString('charge'),
            amount: params.optionalAmount('amount'),
            metadata: params.metadata(),
            reason: params.optionalString('reason'),
          },
          origin,
        ),
    },
    { method: 'GET', path: '/v1/refunds/:id', handle: retrieve('refund') },
    {
      method: 'POST',
      path: '/v1/transfers',
      handle: ({ params, origin }) =>
        connect.createTransfer(
          {
            amount: params.amount('amount'),
            currency: params.currency(),
            destination: params.string('destination'),
            sourceTransaction: params.optionalString('source_transaction'),
            transferGroup: params.optionalString('transfer_group'),
            description: params.optionalString('description'),
            metadata: params.metadata(),
          },
          origin,
        ),
    },
    { method: 'GET', path: '/v1/transfers/:id', handle: retrieve('transfer') },
    { method: 'GET', path: '/v1/payouts/:id', handle: retrieve('payout') },
    { method: 'GET', path: '/v1/balance_transactions/:id', handle: retrieve('balance_transaction') },
    { method: 'GET', path: '/v1/events/:id', handle: retrieve('event') },
    { method: 'GET', path: '/v1/events', handle: ({ params }) => listEvents(store, params) },
  ];
}

export function matchRoute(
  routes: ApiRoute[],
  method: string,
  path: string,
): { route: ApiRoute; pathParams: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (route.method !== method || pattern.length !== segments.length) continue;
    const pathParams: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      if (part.startsWith(':')) pathParams[part.slice(1)] = segments[index];
      return part.startsWith(':') ? segments[index] !== '' : part === segments[index];
    });
    if (matches) return { route, pathParams };
  }
  return undefined;
}

/** Replaces the id in each field named by `expand[]` with the object it names. */
export function expandFields(result: ApiResult, fields: string[] | null, store: StripeStore): ApiResult {
  if (!fields?.length || result.object === 'list') return result;
  const expanded: StripeObject = { ...result };
  for (const field of fields) {
    const id = expanded[field];
    const object = typeof id === 'string' ? store.findAnywhere(id) : undefined;
    if (!object) throw StripeApiError.invalidParam('expand', `This property cannot be expanded (${field}).`);
    expanded[field] = object;
  }
  return expanded;
}

/** Newest first, optionally of one type (`type=payout.paid`, or `type=payout.*`), paged with `starting_after`. */
function listEvents(store: StripeStore, params: RequestParams): ListObject<StoredObject> {
  const limit = params.optionalAmount('limit') ?? 10;
  if (limit > MAX_LIST_LIMIT) throw StripeApiError.invalidParam('limit', `This value must be less than or equal to ${MAX_LIST_LIMIT}.`);
  const type = params.optionalString('type');
  const startingAfter = params.optionalString('starting_after');
  let events = store
    .list('event')
    .reverse()
    .filter((event) => !type || (type.endsWith('.*') ? event.type.startsWith(type.slice(0, -1)) : event.type === type));
  if (startingAfter) {
    const index = events.findIndex((event) => event.id === startingAfter);
    if (index < 0) throw StripeApiError.noSuch('event', startingAfter, 'starting_after');
    events = events.slice(index + 1);
  }
  return { object: 'list', data: events.slice(0, limit), has_more: events.length > limit, url: '/v1/events' };
}
