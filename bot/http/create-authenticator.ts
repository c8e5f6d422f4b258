import type { Config } from '../config';
import { AppError } from '../domain/errors';
import type { Authenticator, DevTokenAuthority } from './auth';
import { EntraAuthenticator } from './entra-authenticator';

/**
 * Chooses how the tab's API knows who is calling: Entra SSO tokens when the tab's app
 * is configured (and not in development); dev tokens in development only; otherwise
 * every call is refused. In development with an Entra app too (a tunnel to real
 * Teams), a token signed with HS256 is a dev token and anything else goes to Entra.
 */
export function createAuthenticator(config: Config, devAuthority: DevTokenAuthority | null): Authenticator {
  const entra = config.aadAppClientId
    ? new EntraAuthenticator({ clientId: config.aadAppClientId, allowedTenants: config.allowedTenants })
    : null;
  if (devAuthority && config.devMode) {
    if (!entra) return devAuthority;
    return {
      authenticate: (authorization) => (isHs256(authorization) ? devAuthority : entra).authenticate(authorization),
    };
  }
  if (entra) return entra;
  return {
    authenticate: async () => {
      throw new AppError('unauthenticated', 401, 'error.unauthenticated');
    },
  };
}

function isHs256(authorization: string | undefined): boolean {
  const header = /^Bearer ([A-Za-z0-9_-]+)\./.exec(authorization ?? '')?.[1];
  if (!header) return false;
  try {
    return (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown }).alg === 'HS256';
  } catch {
    return false;
  }
}
