import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

/**
 * A stand-in for Entra's OpenID metadata and key endpoints on 127.0.0.1, with a signing
 * key of its own, so the tab's API can be tested with real RS256 tokens.
 */
export async function startJwksServer() {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };
  let metadataRequests = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const meta = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(url.pathname);
    res.setHeader('content-type', 'application/json');
    if (meta) {
      metadataRequests++;
      res.end(
        JSON.stringify({
          issuer: `https://login.microsoftonline.com/${meta[1]}/v2.0`,
          jwks_uri: `${base()}/${meta[1]}/discovery/v2.0/keys`,
        }),
      );
    } else if (/\/discovery\/v2\.0\/keys$/.test(url.pathname)) {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: (tenantId: string) => `${base()}/${tenantId}/v2.0/.well-known/openid-configuration`,
    metadataRequests: () => metadataRequests,
    /** An access token as Teams SSO would give the tab, with claims to override. */
    async token(
      claims: JWTPayload & { tid: string; oid: string },
      opts: {
        key?: CryptoKey | Uint8Array;
        kid?: string;
        alg?: string;
        expiresIn?: string | number;
        notBefore?: string | number;
      } = {},
    ) {
      const now = Math.floor(Date.now() / 1000);
      const jwt = new SignJWT({
        scp: 'access_as_user',
        ver: '2.0',
        iss: `https://login.microsoftonline.com/${claims.tid}/v2.0`,
        ...claims,
      })
        .setProtectedHeader({ alg: opts.alg ?? 'RS256', kid: opts.kid ?? 'test-key-1', typ: 'JWT' })
        .setIssuedAt(now - 10)
        .setExpirationTime(opts.expiresIn ?? now + 3600);
      if (opts.notBefore !== undefined) jwt.setNotBefore(opts.notBefore);
      return jwt.sign(opts.key ?? privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
