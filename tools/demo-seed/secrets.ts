/**
 * What sits in the demo tenant's safe: the apps' certificates with private keys, the FIDO2 keys
 * and their PINs, the sealed-envelope passwords – plus the deleted objects whose ids still
 * appear in the directory. The simulator reads these from `simulator` and never serves them.
 */
import { createSelfSignedCertificate } from '../../src/node/x509/certificates.ts';
import type { DemoCertificates } from './applications.ts';
import { apps, groupIds, securityKeyMethods, userIds } from './ids.ts';
import type { SimulatorInput } from './shapes.ts';

/** New key pairs on every run: the only part of the demo seed that is not fixed. */
export function makeCertificates(): DemoCertificates {
  return {
    breakGlass: createSelfSignedCertificate({
      commonName: 'Break-Glass Emergency Access App',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2031-01-01T00:00:00Z'),
    }),
    reader: createSelfSignedCertificate({
      commonName: 'Break-Glass Readiness Reader',
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2029-01-01T00:00:00Z'),
    }),
  };
}

export const securityKeyPins = { a1: '246810', a2: '975310', b1: '802468' } as const;

export const envelopePasswords = {
  breakglass1: 'Gx7#vQ2m-Rt9!pLw4$Kz8@Nd6-Yh3%',
  breakglass2: 'Hs3&bW9y-Fe5%qZc7*Tm2^Vj8-Lp4!',
} as const;

export const deletedTravelGroupName = 'CA001-Exclude-Travel-2025Q3';

export function simulatorSecrets(certificates: DemoCertificates): SimulatorInput {
  return {
    credentials: [
      { appId: apps.breakGlass.appId, ...certificates.breakGlass },
      { appId: apps.reader.appId, ...certificates.reader },
    ],
    securityKeys: [
      { userId: userIds.breakglass1, fido2MethodId: securityKeyMethods.a1, pin: securityKeyPins.a1 },
      { userId: userIds.breakglass1, fido2MethodId: securityKeyMethods.a2, pin: securityKeyPins.a2 },
      { userId: userIds.breakglass2, fido2MethodId: securityKeyMethods.b1, pin: securityKeyPins.b1 },
    ],
    passwords: [
      { userId: userIds.breakglass1, password: envelopePasswords.breakglass1 },
      { userId: userIds.breakglass2, password: envelopePasswords.breakglass2 },
    ],
    // Deleted when the Q3 2025 travel season ended; CA001 still names it.
    deletedObjects: [
      { id: groupIds.travelExclusion, kind: 'group', displayName: deletedTravelGroupName, deletedDateTime: '2025-10-02T14:12:00Z' },
    ],
  };
}
