import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { possibleTypes, typePolicies } from './type-policies';

export interface MarketplaceClientOptions {
  /** The API's GraphQL endpoint, e.g. http://localhost:3000/graphql. */
  url: string;
  /** The signed-in user's access token, read before each request (null when signed out). */
  accessToken: () => string | null | undefined;
}

/**
 * An Apollo Client for the API: JSON over HTTP (the API refuses other content types), the viewer's
 * access token as a bearer token, and a cache that knows the API's types.
 */
export function createMarketplaceClient({ url, accessToken }: MarketplaceClientOptions): ApolloClient {
  const auth = new SetContextLink(({ headers }) => {
    const token = accessToken();
    return token ? { headers: { ...headers, authorization: `Bearer ${token}` } } : {};
  });
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: url })]),
    cache: new InMemoryCache({ possibleTypes, typePolicies }),
  });
}
