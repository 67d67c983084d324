/**
 * The Stripe API paths the emulator answers: each reads its parameters and calls one operation of
 * the emulated Stripe. Paths, parameter names and list shapes are Stripe's; `expand[]` is honoured
 * for fields holding the id of an object the emulator knows.
 */
import { EmulatedConnect } from './emulated-connect';
import { EmulatedPayments } from './emulated-payments';
import { RequestParams } from './request-params';
import { StripeApiError } from './stripe-errors';
import { ListSpec, eventTypeFilter, listObjects } from './stripe-lists';
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

export function stripeApiRoutes(store: StripeStore, payments: EmulatedPayments, connect: EmulatedConnect): ApiRoute[] {
  const retrieve =
    (type: EmulatedObjectType) =>
    ({ pathParams }: ApiCall): StoredObject =>
      store.get(type, pathParams.id);
  const list = (path: string, spec: ListSpec): ApiRoute => ({
    method: 'GET',
    path,
    handle: (call) => listObjects(store, spec, path, call),
  });
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
    list('/v1/payment_intents', { type: 'payment_intent', equal: ['customer'], ranges: ['created'] }),
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
    list('/v1/disputes', { type: 'dispute', equal: ['charge', 'payment_intent'], ranges: ['created'] }),
    { method: 'GET', path: '/v1/disputes/:id', handle: retrieve('dispute') },
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
    list('/v1/refunds', { type: 'refund', equal: ['charge', 'payment_intent'], ranges: ['created'] }),
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
    list('/v1/transfers', { type: 'transfer', equal: ['destination', 'transfer_group'], ranges: ['created'] }),
    { method: 'GET', path: '/v1/transfers/:id', handle: retrieve('transfer') },
    list('/v1/payouts', { type: 'payout', equal: ['destination', 'status'], ranges: ['created', 'arrival_date'] }),
    { method: 'GET', path: '/v1/payouts/:id', handle: retrieve('payout') },
    { method: 'GET', path: '/v1/balance_transactions/:id', handle: retrieve('balance_transaction') },
    { method: 'GET', path: '/v1/events/:id', handle: retrieve('event') },
    list('/v1/events', { type: 'event', equal: [], ranges: ['created'], filter: eventTypeFilter }),
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
