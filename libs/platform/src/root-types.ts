import { GraphQLObjectType, GraphQLSchema } from 'graphql';

const QUERY_DESCRIPTION =
  'Reads. `mission`, `missions` and `user` also answer anonymous viewers; the other fields need a valid bearer access token ' +
  '(`Authorization: Bearer <accessToken>`), UNAUTHENTICATED otherwise. Fields for moderators only are FORBIDDEN to others.';

const MUTATION_DESCRIPTION =
  'Writes. register, login, refreshSession and logout work without a token; every other mutation needs a valid bearer access token ' +
  '(UNAUTHENTICATED otherwise; FORBIDDEN for a suspended account). Refused input is BAD_USER_INPUT, naming each field in ' +
  '`extensions.fields`, and a refused mutation changes nothing.';

const SUBSCRIPTION_DESCRIPTION =
  'Events over graphql-ws on the same path (ws://…/graphql), for signed-in viewers: the access token goes in the connection ' +
  "parameters, `{ authorization: 'Bearer <accessToken>' }`; without one, or with an invalid, expired or revoked one, the socket " +
  'closes with 4401 (4403 for a suspended account), and it closes with 4401 when the token expires. Each event is what the ' +
  'viewer could query; delivery is at most once while connected, so re-query when (re)subscribing.';

/**
 * Nest's code-first schema has no option for the root types' own descriptions (their fields take
 * theirs from @Query and @Mutation): they are given here, as `transformSchema`.
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const query = config.query && new GraphQLObjectType({ ...config.query.toConfig(), description: QUERY_DESCRIPTION });
  const mutation = config.mutation && new GraphQLObjectType({ ...config.mutation.toConfig(), description: MUTATION_DESCRIPTION });
  const subscription =
    config.subscription && new GraphQLObjectType({ ...config.subscription.toConfig(), description: SUBSCRIPTION_DESCRIPTION });
  const types = config.types.filter((type) => type !== config.query && type !== config.mutation && type !== config.subscription);
  return new GraphQLSchema({ ...config, query, mutation, subscription, types });
}
