import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { ClaimsIdentity, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import type { Config } from '../config';
import { ClientCache } from './client-cache';

/** Why an activity's Bot Framework token was not accepted: it is not valid, or its signing keys could not be read. */
export type TokenRejection = 'invalid' | 'metadata-unreachable';

/**
 * botbuilder throws whatever its token check runs into: an AuthenticationError, but also
 * jsonwebtoken's errors for a bad signature and node-fetch's when the signing metadata
 * cannot be fetched, which CloudAdapter turns into 500. This one error says which it was.
 */
export class BotTokenRejected extends Error {
  constructor(
    readonly reason: TokenRejection,
    readonly detail: string,
  ) {
    super(`Bot Framework token rejected (${reason})`);
  }
}

/**
 * The Bot Framework authentication for the configured bot (none configured: activities are
 * not authenticated, as in development), with every failure of the token check turned into
 * a BotTokenRejected the endpoint answers with 401 or 503.
 */
export function createBotAuthentication(bot: Config['bot']): ConfigurationBotFrameworkAuthentication {
  if (!bot) return new GuardedAuthentication({});
  return new GuardedAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.password,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
    ...(bot.openIdMetadataUrl ? publicCloudWithKeysAt(bot.openIdMetadataUrl) : {}),
  });
}

/**
 * The public cloud's settings with the signing keys read elsewhere (tests: a local server).
 * botbuilder takes one such setting as "every setting is given": the others must be spelled
 * out, or the issuer check would accept no token at all.
 */
function publicCloudWithKeysAt(metadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    CallerId: 'urn:botframework:azure',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
  };
}

/** Token failures as BotTokenRejected; the Bot Connector clients are shared between turns (see ClientCache). */
class GuardedAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ClientCache();

  override async authenticateRequest(activity: Activity, authHeader: string) {
    let result;
    try {
      result = await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw new BotTokenRejected(classify(err), err instanceof Error ? err.message : String(err));
    }
    const { connectorFactory, claimsIdentity } = result;
    return {
      ...result,
      connectorFactory: connectorFactory && this.clients.connectorFactory(connectorFactory, claimsIdentity),
    };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.clients.userTokenClient(claimsIdentity, () => super.createUserTokenClient(claimsIdentity));
  }
}

function classify(err: unknown): TokenRejection {
  if (!(err instanceof Error)) return 'invalid';
  // node-fetch could not reach or read the metadata; botframework-connector's own words for a non-2xx answer.
  if (err.name === 'FetchError' || /^Failed to load (openID config|Keys)/.test(err.message))
    return 'metadata-unreachable';
  return 'invalid';
}
