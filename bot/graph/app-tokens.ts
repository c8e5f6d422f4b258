import type { TokenCredential } from '@azure/identity';

/** App-only Graph: the application permissions admin-consented for the app or granted to the managed identity. */
export const GRAPH_APP_SCOPES = ['https://graph.microsoft.com/.default'];

/**
 * An app-only Graph token for a tenant. Implementations cache tokens (msal and
 * @azure/identity keep them until shortly before expiry). Tokens are never logged,
 * returned to a client or put in an error; a failure is an AppTokenError with a code only.
 */
export interface AppTokenProvider {
  graphToken(tenantId: string): Promise<string>;
}

/** A token could not be had; `code` is safe to log (never the library's message, which can quote the request). */
export class AppTokenError extends Error {
  constructor(readonly code: string) {
    super(`app token failed: ${code}`);
    this.name = 'AppTokenError';
  }
}

/** The part of msal-node's ConfidentialClientApplication the client-credentials flow needs (tests may pass a fake). */
export interface AppTokenClient {
  acquireTokenByClientCredential(request: {
    scopes: string[];
    authority?: string;
  }): Promise<{ accessToken: string } | null>;
}

/** A tenant id or verified domain: it becomes a path segment of the authority (and of Graph calls for the tenant). */
export const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;

/**
 * Client credentials of one Entra app (client id + secret or certificate), one authority
 * per tenant: works for every tenant whose admin consented to the app's permissions.
 * Parallel requests for the same tenant share one token request.
 */
export class MsalAppTokens implements AppTokenProvider {
  private readonly authorityHost: string;
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly client: AppTokenClient,
    authorityHost = 'https://login.microsoftonline.com',
  ) {
    this.authorityHost = authorityHost.replace(/\/$/, '');
  }

  graphToken(tenantId: string): Promise<string> {
    if (!TENANT.test(tenantId)) return Promise.reject(new AppTokenError('not_a_tenant'));
    return shared(this.pending, tenantId, async () => {
      let result: { accessToken: string } | null;
      try {
        result = await this.client.acquireTokenByClientCredential({
          scopes: GRAPH_APP_SCOPES,
          authority: `${this.authorityHost}/${tenantId}`,
        });
      } catch (err) {
        throw new AppTokenError(codeOf(err));
      }
      if (!result?.accessToken) throw new AppTokenError('missing');
      return result.accessToken;
    });
  }
}

/**
 * The app's managed identity (in Azure: the user-assigned identity named by AZURE_CLIENT_ID),
 * through an @azure/identity TokenCredential. A managed identity lives in one tenant and
 * can read Graph there only: other tenants get an AppTokenError('other_tenant') and are
 * served from the stored directory.
 */
export class ManagedIdentityAppTokens implements AppTokenProvider {
  private readonly pending = new Map<string, Promise<string>>();

  constructor(
    private readonly credential: TokenCredential,
    private readonly homeTenantId: string,
  ) {}

  graphToken(tenantId: string): Promise<string> {
    if (tenantId.toLowerCase() !== this.homeTenantId.toLowerCase())
      return Promise.reject(new AppTokenError('other_tenant'));
    return shared(this.pending, tenantId, async () => {
      let token: { token: string } | null;
      try {
        token = await this.credential.getToken(GRAPH_APP_SCOPES);
      } catch (err) {
        throw new AppTokenError(codeOf(err));
      }
      if (!token?.token) throw new AppTokenError('missing');
      return token.token;
    });
  }
}

/** Builds the managed identity credential (user-assigned when a client id is given). */
export async function managedIdentityCredential(clientId: string | undefined): Promise<TokenCredential> {
  const { ManagedIdentityCredential } = await import('@azure/identity');
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

function shared(pending: Map<string, Promise<string>>, key: string, load: () => Promise<string>): Promise<string> {
  let p = pending.get(key);
  if (!p) {
    p = load().finally(() => pending.delete(key));
    pending.set(key, p);
  }
  return p;
}

/** msal's errorCode, or @azure/identity's error name; never a message. */
function codeOf(err: unknown): string {
  const e = err as { errorCode?: unknown; name?: unknown } | null;
  const code =
    typeof e?.errorCode === 'string' && e.errorCode ? e.errorCode : typeof e?.name === 'string' ? e.name : 'failed';
  return code.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 64) || 'failed';
}
