import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { AppError } from '../domain/errors';
import { type Authenticator, bearer, type Principal } from './auth';

export interface EntraOptions {
  /** The tab's Entra app (client) id: `aud` is this id or `api://<host>/<id>`. */
  clientId: string;
  /** Empty: every tenant (development only; production config requires the list). */
  allowedTenants: string[];
  /** The scope the tab's token must carry. */
  requiredScope?: string;
  /** Where a tenant's OpenID metadata lives (tests point this at 127.0.0.1). */
  metadataUrl?: (tenantId: string) => string;
  /** The issuers accepted for a tenant: v2 and v1 token formats. */
  issuers?: (tenantId: string) => string[];
  /** Fetch used for the metadata document (tests may inject one). */
  fetch?: typeof fetch;
  clockToleranceSeconds?: number;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const unauthenticated = () => new AppError('unauthenticated', 401, 'error.unauthenticated');

export const entraMetadataUrl = (tenantId: string) =>
  `https://login.microsoftonline.com/${tenantId}/v2.0/.well-known/openid-configuration`;
export const entraIssuers = (tenantId: string) => [
  `https://login.microsoftonline.com/${tenantId}/v2.0`,
  `https://sts.windows.net/${tenantId}/`,
];

/**
 * Verifies the tab's Teams SSO token (an Entra access token for our API): the
 * signature against the tenant's published keys (JWKS from its OpenID metadata, cached
 * and refreshed by jose on unknown key ids), `aud`, `iss` for the token's own tenant in
 * either format, `tid` against the allowed tenants, `scp`, and `exp`/`nbf`. The user
 * and tenant come from these claims only. The token is never logged or returned.
 */
export class EntraAuthenticator implements Authenticator {
  private readonly keySets = new Map<string, Promise<ReturnType<typeof createRemoteJWKSet>>>();
  private readonly audiencePattern: RegExp;

  constructor(private readonly opts: EntraOptions) {
    if (!opts.clientId) throw new Error('EntraAuthenticator needs the app client id');
    const id = opts.clientId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.audiencePattern = new RegExp(`^(${id}|api://${id}|api://[^/\\s]+/${id})$`);
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = bearer(authorization);
    let tenantId: string;
    try {
      // Unverified, only to know whose keys and issuer to check against; nothing else is trusted yet.
      const claims = decodeJwt(token);
      tenantId = typeof claims.tid === 'string' ? claims.tid : '';
    } catch {
      throw unauthenticated();
    }
    if (!GUID.test(tenantId)) throw unauthenticated();
    if (this.opts.allowedTenants.length > 0 && !this.opts.allowedTenants.includes(tenantId)) throw unauthenticated();

    let payload: JWTPayload;
    try {
      const keys = await this.keysFor(tenantId);
      ({ payload } = await jwtVerify(token, keys, {
        issuer: (this.opts.issuers ?? entraIssuers)(tenantId),
        algorithms: ['RS256'],
        clockTolerance: this.opts.clockToleranceSeconds ?? 60,
        requiredClaims: ['exp', 'iat', 'tid', 'oid', 'aud'],
      }));
    } catch {
      throw unauthenticated();
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.some((a) => typeof a === 'string' && this.audiencePattern.test(a))) throw unauthenticated();
    if (payload.tid !== tenantId) throw unauthenticated();
    const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
    if (!scopes.includes(this.opts.requiredScope ?? 'access_as_user')) throw unauthenticated();
    if (typeof payload.oid !== 'string' || payload.oid.length === 0) throw unauthenticated();
    const name = typeof payload.name === 'string' ? payload.name : undefined;
    return { tenantId, userId: payload.oid, name };
  }

  /** One key set per tenant, from the jwks_uri of its OpenID metadata; a failed discovery is retried next time. */
  private keysFor(tenantId: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
    let keys = this.keySets.get(tenantId);
    if (!keys) {
      keys = this.discover(tenantId);
      this.keySets.set(tenantId, keys);
      keys.catch(() => this.keySets.delete(tenantId));
    }
    return keys;
  }

  private async discover(tenantId: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
    const res = await (this.opts.fetch ?? fetch)((this.opts.metadataUrl ?? entraMetadataUrl)(tenantId), {
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`openid metadata: ${res.status}`);
    const meta = (await res.json()) as { jwks_uri?: unknown };
    if (typeof meta.jwks_uri !== 'string') throw new Error('openid metadata without jwks_uri');
    return createRemoteJWKSet(new URL(meta.jwks_uri), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
      cacheMaxAge: 24 * 3600 * 1000,
    });
  }
}
