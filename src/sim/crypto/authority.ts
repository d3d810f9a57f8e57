/**
 * The simulator's own CA and the HTTPS server certificate it issues for 127.0.0.1/localhost;
 * the certificates are built by src/node/x509/certificates.ts.
 */
import { buildCertificate, type CertificateWithKey } from '../../node/x509/certificates.ts';

export type SimulatorAuthority = CertificateWithKey & {
  readonly issueServerCertificate: (hosts: { ips: readonly string[]; dnsNames: readonly string[] }) => CertificateWithKey;
};

/** A CA that exists only for this simulator run; the product trusts it for the simulator only. */
export function createSimulatorAuthority(now = new Date()): SimulatorAuthority {
  const hour = 3600_000;
  const ca = buildCertificate({
    subject: [
      { name: 'commonName', value: 'Break-Glass Runbook simulator CA' },
      { name: 'organizationName', value: 'Simulated tenant (not Microsoft)' },
    ],
    notBefore: new Date(now.getTime() - hour),
    notAfter: new Date(now.getTime() + 30 * 24 * hour),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
  return {
    certificatePem: ca.certificatePem,
    privateKeyPem: ca.privateKeyPem,
    issueServerCertificate: ({ ips, dnsNames }) => {
      const server = buildCertificate({
        subject: [{ name: 'commonName', value: dnsNames[0] ?? ips[0] ?? 'localhost' }],
        issuer: { certificate: ca.certificate, key: ca.key },
        notBefore: new Date(now.getTime() - hour),
        notAfter: new Date(now.getTime() + 30 * 24 * hour),
        extensions: [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
          { name: 'extKeyUsage', serverAuth: true },
          { name: 'subjectAltName', altNames: [...ips.map((ip) => ({ type: 7, ip })), ...dnsNames.map((value) => ({ type: 2, value }))] },
        ],
      });
      return { certificatePem: server.certificatePem, privateKeyPem: server.privateKeyPem };
    },
  };
}
