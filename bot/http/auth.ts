import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { AppError } from '../domain/errors';

export interface Principal {
  tenantId: string;
  userId: string;
  name?: string;
}

/** Turns a bearer token into a principal; user and tenant come from the token's claims only. */
export interface Authenticator {
  authenticate(authorization: string | undefined): Promise<Principal>;
}

const DEV_ISSUER = 'digivaardig-dev';
const DEV_AUDIENCE = 'digivaardig-dev-api';

/**
 * Development identities for the playground and the tab outside Teams: tokens signed
 * with a key that lives only in this process. It is never constructed when bot
 * credentials are configured, so production cannot accept one.
 */
export class DevTokenAuthority implements Authenticator {
  private readonly key = randomBytes(32);

  async issue(p: Principal, ttlSeconds = 8 * 3600): Promise<string> {
    return new SignJWT({ tid: p.tenantId, oid: p.userId, name: p.name })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(this.key);
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    const token = bearer(authorization);
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: ['HS256'],
      });
      if (typeof payload.tid !== 'string' || typeof payload.oid !== 'string') throw new Error('claims');
      return {
        tenantId: payload.tid,
        userId: payload.oid,
        name: typeof payload.name === 'string' ? payload.name : undefined,
      };
    } catch {
      throw new AppError('unauthenticated', 401, 'error.unauthenticated');
    }
  }
}

export function bearer(authorization: string | undefined): string {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '');
  if (!match) throw new AppError('unauthenticated', 401, 'error.unauthenticated');
  return match[1];
}
