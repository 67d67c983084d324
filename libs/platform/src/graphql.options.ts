import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { AccessTokenVerifier, Clock, formatGraphQLError, requestIdPlugin, withoutSuggestions } from '@marketplace/common';
import { AppConfig } from '@marketplace/config';
import { subscriptionSockets } from '@marketplace/realtime';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Request, Response } from 'express';
import { GraphQLError, ValidationRule } from 'graphql';
import { describeRootTypes } from './root-types';

export interface GraphQLRequestContext {
  req: Request;
  res: Response;
}

export const GRAPHQL_PATH = '/graphql';

/** What the subscription sockets check tokens with (the HTTP guard's verifier) and time their expiry by. */
export interface SubscriptionAuth {
  tokens: AccessTokenVerifier;
  clock: Clock;
}

const MAX_TOKENS = 2000;

/** Over HTTP, Apollo would run a subscription's field once, with no event: a 500. They are served over graphql-ws. */
const noSubscriptionOverHttp: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (operation.operation !== 'subscription') return;
    context.reportError(
      new GraphQLError(`Subscriptions are served over graphql-ws on this path (ws://…${GRAPHQL_PATH}), not over HTTP.`, {
        nodes: operation,
      }),
    );
  },
});

/**
 * Apollo, hardened: depth, cost, alias and token limits, CSRF prevention, no introspection in
 * production; and graphql-ws subscriptions on the same path, under the same limits.
 */
export function graphqlOptions(config: AppConfig, { tokens, clock }: SubscriptionAuth): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphql.maxDepth, ignoreIntrospection: true },
    // Every field counts 1, times the pages (`first`) above it: the cost is the values a worst-case answer holds. The default
    // factor of 1.5 per level made a page of 100 missions with each client's reputation cost 6476, more than abusive flat queries.
    costLimit: { maxCost: config.graphql.maxCost, objectCost: 1, scalarCost: 1, depthCostFactor: 1, ignoreIntrospection: true },
    // `__typename` is on its allow-list by default: a thousand aliases of it cost as much to answer as any.
    maxAliases: { n: config.graphql.maxAliases, allowList: [] },
    maxDirectives: { n: 20 },
    // Counted by graphql-js's own parser (parseOptions below): a refusal is then a 400 parse error, not a 500.
    maxTokens: { enabled: false },
    // Its mask misses enum values and variables' errors: withoutSuggestions below covers them all.
    blockFieldSuggestion: { enabled: false },
  });
  const protection = armor.protect();
  const formatError = config.isProduction ? withoutSuggestions(formatGraphQLError) : formatGraphQLError;
  return {
    autoSchemaFile: true,
    sortSchema: true,
    transformSchema: describeRootTypes,
    path: GRAPHQL_PATH,
    // No landing page from Apollo (Nest's default is the retired Playground, loaded from a CDN): the API serves GraphiQL itself in development.
    graphiql: false,
    playground: false,
    introspection: !config.isProduction,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // No cache hints are used (answers depend on the viewer); the cache-control plugin would otherwise
    // wrap every field's resolver for nothing: 5–10 % of the API's CPU on a page of 20 missions.
    plugins: [...protection.plugins, requestIdPlugin, ApolloServerPluginCacheControlDisabled()],
    validationRules: [...protection.validationRules, noSubscriptionOverHttp],
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError,
    subscriptions: {
      'graphql-ws': subscriptionSockets({
        tokens,
        clock,
        validationRules: protection.validationRules,
        maxTokens: MAX_TOKENS,
        formatError,
      }),
    },
    context: ({ req, res }: GraphQLRequestContext): GraphQLRequestContext => ({ req, res }),
  };
}
