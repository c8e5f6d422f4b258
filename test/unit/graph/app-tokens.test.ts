import assert from 'node:assert/strict';
import { ManagedIdentityCredential } from '@azure/identity';
import {
  AppTokenError,
  GRAPH_APP_SCOPES,
  ManagedIdentityAppTokens,
  MsalAppTokens,
} from '../../../bot/graph/app-tokens';
import { IDENTITY_HEADER, identityTokenOf, sharedIdentityEndpoint } from '../../fakes/fake-graph';

const HOME = '6f0c3a52-9d1e-4b7a-8c2f-5e4d3b2a1c01';
const OTHER = '0b7e2d41-3c5a-4f69-9e18-7a6b5c4d3e02';
/** A client id of this file's own: msal keeps managed identity tokens in a process-wide cache. */
const CLIENT_ID = 'a1b2c3d4-0000-4000-8000-00000000a701';

describe('app-only Graph tokens', () => {
  describe('from the managed identity (@azure/identity against a fake App Service identity endpoint)', () => {
    it('asks the App Service endpoint for a Graph token for the user-assigned identity, with its secret header, and reuses it', async () => {
      const endpoint = await sharedIdentityEndpoint();
      const before = endpoint.requests.length;
      const tokens = new ManagedIdentityAppTokens(new ManagedIdentityCredential({ clientId: CLIENT_ID }), HOME);
      assert.equal(await tokens.graphToken(HOME), identityTokenOf(CLIENT_ID));
      const mine = endpoint.requests.slice(before);
      assert.equal(mine.length, 1);
      assert.equal(mine[0].identityHeader, IDENTITY_HEADER);
      assert.equal(mine[0].query.get('resource'), 'https://graph.microsoft.com');
      assert.equal(mine[0].query.get('client_id'), CLIENT_ID);
      assert.equal(mine[0].query.get('api-version'), '2019-08-01');

      assert.equal(await tokens.graphToken(HOME.toUpperCase()), identityTokenOf(CLIENT_ID));
      assert.equal(endpoint.requests.length, before + 1, 'the token is cached');
    });

    it('refuses another tenant: a managed identity reads Graph only in its own tenant', async () => {
      const tokens = new ManagedIdentityAppTokens(
        { getToken: async () => assert.fail('no token request for another tenant') },
        HOME,
      );
      await assert.rejects(
        tokens.graphToken(OTHER),
        (err: unknown) => err instanceof AppTokenError && err.code === 'other_tenant',
      );
    });

    it('turns a failing credential into a code without its message', async () => {
      const tokens = new ManagedIdentityAppTokens(
        {
          getToken: async () => {
            throw Object.assign(new Error('token abc.def.ghi for https://x'), { name: 'CredentialUnavailableError' });
          },
        },
        HOME,
      );
      await assert.rejects(
        tokens.graphToken(HOME),
        (err: Error) =>
          err instanceof AppTokenError && err.code === 'CredentialUnavailableError' && !err.message.includes('abc.def'),
      );
      await assert.rejects(
        new ManagedIdentityAppTokens({ getToken: async () => null }, HOME).graphToken(HOME),
        (err: unknown) => err instanceof AppTokenError && err.code === 'missing',
      );
    });

    it('asks for Graph’s .default scope, one request for parallel callers', async () => {
      const asked: string[][] = [];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const tokens = new ManagedIdentityAppTokens(
        {
          getToken: async (scopes) => {
            asked.push([scopes].flat());
            await gate;
            return { token: 't', expiresOnTimestamp: Date.now() + 60_000 };
          },
        },
        HOME,
      );
      const both = Promise.all([tokens.graphToken(HOME), tokens.graphToken(HOME)]);
      release();
      assert.deepEqual(await both, ['t', 't']);
      assert.deepEqual(asked, [GRAPH_APP_SCOPES]);
    });
  });

  describe('from client credentials (msal-node)', () => {
    it('uses the tenant’s own authority and keeps only msal’s error code', async () => {
      const requests: Array<{ scopes: string[]; authority?: string }> = [];
      const ok = new MsalAppTokens(
        { acquireTokenByClientCredential: async (r) => (requests.push(r), { accessToken: 'app-token' }) },
        'https://login.example/',
      );
      assert.equal(await ok.graphToken(HOME), 'app-token');
      assert.deepEqual(requests, [{ scopes: GRAPH_APP_SCOPES, authority: `https://login.example/${HOME}` }]);
      await assert.rejects(
        ok.graphToken('../evil'),
        (err: unknown) => err instanceof AppTokenError && err.code === 'not_a_tenant',
      );

      const failing = new MsalAppTokens({
        acquireTokenByClientCredential: async () => {
          throw Object.assign(new Error('AADSTS7000215: Invalid client secret provided (s3cret)'), {
            errorCode: 'invalid_client',
          });
        },
      });
      await assert.rejects(
        failing.graphToken(HOME),
        (err: Error) =>
          err instanceof AppTokenError && err.code === 'invalid_client' && !err.message.includes('s3cret'),
      );
    });
  });
});
