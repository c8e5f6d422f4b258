import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Config } from '../config';

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

class GuardedAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string) {
    try {
      return await super.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw new BotTokenRejected(classify(err), err instanceof Error ? err.message : String(err));
    }
  }
}

function classify(err: unknown): TokenRejection {
  if (!(err instanceof Error)) return 'invalid';
  // node-fetch could not reach or read the metadata; botframework-connector's own words for a non-2xx answer.
  if (err.name === 'FetchError' || /^Failed to load (openID config|Keys)/.test(err.message))
    return 'metadata-unreachable';
  return 'invalid';
}
