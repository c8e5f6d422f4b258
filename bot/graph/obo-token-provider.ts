import { ConfidentialClientApplication } from '@azure/msal-node';
import { AppError } from '../domain/errors';

/** The part of msal-node's ConfidentialClientApplication the on-behalf-of flow needs (tests pass a fake). */
export interface OboClient {
  acquireTokenOnBehalfOf(request: { oboAssertion: string; scopes: string[] }): Promise<{ accessToken: string } | null>;
}

/** Delegated Graph permissions the directory reads with (admin-consented for the tab's app). */
export const GRAPH_SCOPES = ['https://graph.microsoft.com/User.Read.All'];

/**
 * Made once per process in the composition root: msal-node keeps its token cache in the
 * application object, so a second one would fetch every token again.
 */
export function createConfidentialClient(opts: {
  clientId: string;
  clientSecret?: string;
  certificate?: { thumbprintSha256: string; privateKey: string };
  authority?: string;
}): ConfidentialClientApplication {
  if (!opts.clientSecret && !opts.certificate)
    throw new Error('the Graph client needs a client secret or a certificate');
  return new ConfidentialClientApplication({
    auth: {
      clientId: opts.clientId,
      authority: opts.authority ?? 'https://login.microsoftonline.com/organizations',
      ...(opts.certificate ? { clientCertificate: opts.certificate } : { clientSecret: opts.clientSecret }),
    },
  });
}

/**
 * Exchanges the tab user's SSO token for a Graph token on their behalf. The tokens stay
 * in memory: never logged, never returned, never put in an error message.
 */
export class OboTokenProvider {
  constructor(
    private readonly client: OboClient,
    private readonly scopes: string[] = GRAPH_SCOPES,
  ) {}

  async graphToken(userAssertion: string): Promise<string> {
    let result: { accessToken: string } | null;
    try {
      result = await this.client.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: this.scopes });
    } catch (err) {
      // msal's errors can quote the request; keep only its code.
      throw new AppError(`graph_token_${(err as { errorCode?: string })?.errorCode ?? 'failed'}`, 502, 'error.title');
    }
    if (!result?.accessToken) throw new AppError('graph_token_missing', 502, 'error.title');
    return result.accessToken;
  }
}
