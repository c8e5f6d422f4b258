import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

export interface Pem {
  cert: string;
  key: string;
}

/**
 * A self-signed certificate for the embedded Cosmos server, generated on first start
 * and kept beside the data (the package's bundled certificate expired in 2021).
 * Regenerated when missing or within a week of expiring.
 */
export async function loadOrCreateCertificate(dir: string, now = new Date()): Promise<Pem> {
  const certPath = path.join(dir, 'cosmos-cert.pem');
  const keyPath = path.join(dir, 'cosmos-key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, 'utf8');
    const validTo = new Date(new X509Certificate(cert).validTo);
    if (validTo.getTime() - now.getTime() > 7 * 86400_000) return { cert, key: readFileSync(keyPath, 'utf8') };
  }
  const notAfter = new Date(now.getTime() + 825 * 86400_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(certPath, pems.cert, { mode: 0o600 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  return { cert: pems.cert, key: pems.private };
}
