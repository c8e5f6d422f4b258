import {
  AuthenticationConstants,
  type ClaimsIdentity,
  type ConnectorClient,
  ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and UserTokenClient for every
 * activity, each with its own Azure HTTP pipeline: about a sixth of a millisecond of CPU per
 * turn, and a new credentials object (with an empty token cache) per proactive send. Azure
 * SDK clients are meant to be long-lived and shared, so these are kept per bot, Bot
 * Connector endpoint and audience. A failed creation is not kept. The number of endpoints is
 * small (Teams has a few regional service URLs), and the cache is bounded all the same.
 */
export class ClientCache {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly limit = 256) {}

  /** A factory that hands out the cached client for an endpoint, made by `inner` the first time. */
  connectorFactory(inner: ConnectorFactory, claims: ClaimsIdentity): ConnectorFactory {
    return new CachedConnectorFactory((serviceUrl, audience) =>
      this.keep(this.connectors, `${appIdOf(claims)}|${serviceUrl}|${audience ?? ''}`, () =>
        inner.create(serviceUrl, audience),
      ),
    );
  }

  userTokenClient(claims: ClaimsIdentity, create: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.keep(this.tokenClients, appIdOf(claims), create);
  }

  private keep<T>(map: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
    const known = map.get(key);
    if (known) return known;
    if (map.size >= this.limit) map.delete(map.keys().next().value!);
    const made = create();
    map.set(key, made);
    made.catch(() => {
      if (map.get(key) === made) map.delete(key);
    });
    return made;
  }
}

class CachedConnectorFactory extends ConnectorFactory {
  constructor(private readonly get: (serviceUrl: string, audience?: string) => Promise<ConnectorClient>) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.get(serviceUrl, audience);
  }
}

/** The bot the activity is for, as botbuilder reads it: the audience claim, or the emulator's app id claim. */
function appIdOf(claims: ClaimsIdentity): string {
  return (
    claims.getClaimValue(AuthenticationConstants.AudienceClaim) ??
    claims.getClaimValue(AuthenticationConstants.AppIdClaim) ??
    ''
  );
}
