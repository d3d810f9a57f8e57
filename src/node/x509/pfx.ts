/**
 * The PKCS#12 (PFX) bytes of a certificate and its key, protected by a passphrase: the layout
 * OpenSSL 3 and Windows write – key and certificate encrypted with AES-256 (PBES2, the
 * passphrase's UTF-8 bytes, RFC 8018) and a MAC keyed with the passphrase's UTF-16 form
 * (RFC 7292 appendix B.1). node-forge writes both from one string, which is only right for
 * ASCII, so the file is written without forge's MAC and the MAC is added here.
 */
import forge from 'node-forge';

const macIterations = 2048;

export function pfxBytes(credential: { readonly certificatePem: string; readonly privateKeyPem: string }, passphrase: string): Buffer {
  const key = forge.pki.privateKeyFromPem(credential.privateKeyPem) as forge.pki.rsa.PrivateKey;
  const certificate = forge.pki.certificateFromPem(credential.certificatePem);
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [certificate], forge.util.encodeUtf8(passphrase), {
    algorithm: 'aes256',
    useMac: false,
    count: macIterations,
  });
  // PFX ::= SEQUENCE { version, authSafe ContentInfo { contentType, [0] { OCTET STRING } }, macData }
  const [, authSafe] = pfx.value as forge.asn1.Asn1[];
  const explicit = (authSafe!.value as forge.asn1.Asn1[])[1]!;
  const content = (explicit.value as forge.asn1.Asn1[])[0]!.value as string;

  const { create, Class, Type } = forge.asn1;
  const salt = forge.random.getBytesSync(8);
  const hmac = forge.hmac.create();
  // forge.pkcs12.generateKey encodes the passphrase as UTF-16BE (BMPString), as B.1 asks.
  hmac.start('sha1', forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 3, macIterations, 20));
  hmac.update(content);
  const macData = create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    create(Class.UNIVERSAL, Type.SEQUENCE, true, [
      create(Class.UNIVERSAL, Type.SEQUENCE, true, [
        create(Class.UNIVERSAL, Type.OID, false, forge.asn1.oidToDer(forge.pki.oids.sha1!).getBytes()),
        create(Class.UNIVERSAL, Type.NULL, false, ''),
      ]),
      create(Class.UNIVERSAL, Type.OCTETSTRING, false, hmac.digest().getBytes()),
    ]),
    create(Class.UNIVERSAL, Type.OCTETSTRING, false, salt),
    create(Class.UNIVERSAL, Type.INTEGER, false, forge.asn1.integerToDer(macIterations).getBytes()),
  ]);
  (pfx.value as forge.asn1.Asn1[]).push(macData);
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}
