/**
 * BG-APP-01…06: the break-glass app registration (docs/domain.md, "Who uses it": the two kinds of
 * break-glass credential; docs/domain.md, "The catalogue"). The app signs in with client credentials and a
 * certificate from the safe, so it must exist and be enabled, hold the application permissions
 * the runbook's actions need (BG-APP-02, app-privilege.ts), have a valid certificate, no secret, a certificate nobody else holds, and no owner
 * who could add a credential of their own.
 *
 * Decisions the catalogue (docs/domain.md, "The catalogue") leaves open:
 * - No `app` in the inventory: one BG-APP-01 `fail` (the app is one of the two kinds of
 *   break-glass credential); the other ids have no subject then and are not reported.
 * - The snapshot cannot tell "not found" from "not permitted" (both are an unreadable part), so
 *   a missing registration or service principal is `indeterminate` with the collector's reason.
 * - BG-APP-03 warns on the *last* valid certificate only: an old certificate expiring while a
 *   newer one stays valid is the normal overlap of a rotation.
 * - BG-APP-05 without hashing (src/core stays free of Node modules): a certificate's issuer is
 *   read from its DER body (`key`) and compared byte for byte with the subject of each CA trusted
 *   for certificate-based auth. Graph returns `key` only when one application is read with
 *   `$select=keyCredentials`; without it, and with CAs configured, the issuer is unknown and the
 *   check is `indeterminate`. Sharing is found by the same certificate: equal `key`, or the same
 *   thumbprint named by `customKeyIdentifier` (Graph's base64 of the thumbprint bytes, or the
 *   hex text of a key written that way – core/graph/thumbprint.ts), compared as bytes.
 */
import { checkPrivilege } from './app-privilege.ts';
import type { CheckContext } from './context.ts';
import { result, type CheckId, type CheckResult, type CheckSubject } from './model.ts';
import { sameId } from './pim.ts';
import type { AppSnapshot, CertificateAuthority, KeyCredential, Readable } from './snapshot.ts';
import { isSameCertificate, keyThumbprintText } from '../graph/thumbprint.ts';

const appCheckIds = ['BG-APP-01', 'BG-APP-02', 'BG-APP-03', 'BG-APP-04', 'BG-APP-05', 'BG-APP-06'] as const satisfies readonly CheckId[];
const day = 86_400_000;

/** The app as a person names it: its display name when read, else its appId. */
export function appSubject(appId: string, app: AppSnapshot | undefined): CheckSubject {
  const name = app?.application.ok
    ? app.application.value.displayName
    : app?.servicePrincipal.ok
      ? app.servicePrincipal.value.displayName
      : '';
  return { kind: 'app', id: appId, name: name || appId };
}

/** Fail closed: a part that could not be read makes the check `indeterminate`, with the reason. */
/** Why a credential collection is missing from an application Graph did return. */
const notSelected = (property: string) =>
  `Graph's answer has no ${property}, so nothing can be said about it (Graph returns it only when it is selected: GET /applications(appId='{appId}')?$select=id,appId,displayName,keyCredentials,passwordCredentials)`;

export function cannotRead(
  id: CheckId,
  subject: CheckSubject,
  what: string,
  reason: string,
  extraEvidence: readonly string[] = [],
): CheckResult {
  return result(
    id,
    'indeterminate',
    subject,
    `Could not read ${what}`,
    [`${what}: ${reason}`, ...extraEvidence],
    'Resolve the read problem named in the evidence (usually a read permission the reader app or the signed-in operator lacks), then run the checks again. Until then this check proves nothing.',
  );
}

export function checkApp(context: CheckContext): CheckResult[] {
  const { snapshot, now, certificateWarningDays } = context;
  const configured = snapshot.inventory.app;
  if (!configured) {
    return [
      result(
        'BG-APP-01',
        'fail',
        { kind: 'app', id: 'not-configured', name: 'Break-glass app' },
        'No break-glass app is configured',
        ['breakglass.config.json has no `app` entry, so there is no app-registration path when both user accounts are blocked.'],
        'Register a break-glass app (self-signed certificate, no secret, no owners) with the Microsoft Graph application permissions Policy.Read.All, Policy.ReadWrite.ConditionalAccess and Application.Read.All (admin-consented) at least, put its PFX in the safe and add `app.appId` to breakglass.config.json.',
      ),
    ];
  }
  const app = snapshot.app;
  const subject = appSubject(configured.appId, app);
  if (!app)
    return appCheckIds.map((id) => cannotRead(id, subject, 'the break-glass app', 'the snapshot holds no data about the configured app'));
  return [
    checkRegistration(app, configured, subject),
    checkPrivilege(context, app, subject),
    checkCertificateValidity(app, subject, now, certificateWarningDays),
    checkNoSecrets(app, subject),
    checkCertificateIndependence(app, snapshot.certificateAuthorities, subject, now),
    checkNoOwners(app, subject),
  ];
}

function checkRegistration(app: AppSnapshot, configured: { appId: string; objectId?: string }, subject: CheckSubject): CheckResult {
  const id = 'BG-APP-01';
  if (!app.application.ok) return cannotRead(id, subject, 'the app registration', app.application.reason);
  if (!app.servicePrincipal.ok) return cannotRead(id, subject, "the app's service principal", app.servicePrincipal.reason);
  const registration = app.application.value;
  const principal = app.servicePrincipal.value;
  const evidence = [
    `App registration "${registration.displayName}": appId ${registration.appId}, object id ${registration.id}`,
    `Service principal ${principal.id}: accountEnabled ${String(principal.accountEnabled)}`,
  ];
  const mismatches = [
    ...(sameId(registration.appId, configured.appId)
      ? []
      : [`the registration's appId ${registration.appId} is not the configured ${configured.appId}`]),
    ...(sameId(principal.appId, configured.appId)
      ? []
      : [`the service principal's appId ${principal.appId} is not the configured ${configured.appId}`]),
    ...(!configured.objectId || sameId(registration.id, configured.objectId)
      ? []
      : [`the configured objectId ${configured.objectId} is not the registration's object id ${registration.id}`]),
  ];
  if (mismatches.length > 0) {
    return result(
      id,
      'fail',
      subject,
      'The configured app does not match the app registration found',
      [...evidence, ...mismatches],
      'Correct `app.appId` and `app.objectId` in breakglass.config.json to the break-glass app registration (Entra admin center › App registrations › Overview); rotation writes to the object id.',
    );
  }
  if (principal.accountEnabled === false) {
    return result(
      id,
      'fail',
      subject,
      "The break-glass app's service principal is disabled",
      [...evidence, `By Graph: PATCH /servicePrincipals/${principal.id} with {"accountEnabled": true}`],
      `Enable it: Entra admin center › Enterprise applications › ${principal.displayName} › Properties › "Enabled for users to sign in?" Yes. A disabled service principal cannot get a token.`,
    );
  }
  if (principal.accountEnabled !== true) {
    return cannotRead(id, subject, "the service principal's accountEnabled", 'Graph did not return it', evidence);
  }
  return result(id, 'pass', subject, 'The app registration and its enabled service principal exist', evidence);
}

const isClientCertificate = (k: KeyCredential) => k.type === 'AsymmetricX509Cert' && (k.usage ?? 'Verify') === 'Verify';
const time = (value: string | null | undefined) => (value ? Date.parse(value) : Number.NaN);
const isValidAt = (k: KeyCredential, now: Date) => time(k.startDateTime) <= now.getTime() && now.getTime() <= time(k.endDateTime);
const isExpiredAt = (k: KeyCredential, now: Date) => time(k.endDateTime) < now.getTime();

function describeCertificate(k: KeyCredential, now: Date): string {
  const state = isValidAt(k, now)
    ? 'valid now'
    : isExpiredAt(k, now)
      ? 'expired'
      : Number.isNaN(time(k.startDateTime)) || Number.isNaN(time(k.endDateTime))
        ? 'dates unknown'
        : 'not yet valid';
  return `Certificate "${k.displayName ?? 'unnamed'}" thumbprint ${keyThumbprintText(k)} (keyId ${k.keyId}), valid ${k.startDateTime ?? '?'} – ${k.endDateTime ?? '?'}: ${state}`;
}

function checkCertificateValidity(app: AppSnapshot, subject: CheckSubject, now: Date, warningDays: number): CheckResult {
  const id = 'BG-APP-03';
  if (!app.application.ok) return cannotRead(id, subject, 'the app registration', app.application.reason);
  const keys = app.application.value.keyCredentials;
  if (!keys) return cannotRead(id, subject, "the app registration's certificates", notSelected('keyCredentials'));
  const certificates = keys.filter(isClientCertificate);
  const evidence =
    certificates.length > 0
      ? certificates.map((k) => describeCertificate(k, now))
      : ['The app registration has no certificate credentials (AsymmetricX509Cert, usage Verify)'];
  const lastExpiry = Math.max(...certificates.filter((k) => isValidAt(k, now)).map((k) => time(k.endDateTime)));
  if (!Number.isFinite(lastExpiry)) {
    return result(
      id,
      'fail',
      subject,
      'No certificate of the break-glass app is valid now',
      [...evidence, "Graph's addKey needs a proof signed with a valid certificate of the app, so the new one is uploaded in the portal."],
      `Create a new self-signed certificate, upload it (App registrations › ${subject.name} › Certificates & secrets › Upload certificate – the app cannot replace its own certificate without a valid one), write the PFX to the safe's media and record its thumbprint.`,
    );
  }
  const lastExpiryText = new Date(lastExpiry).toISOString();
  const daysLeft = Math.floor((lastExpiry - now.getTime()) / day);
  if (lastExpiry - now.getTime() <= warningDays * day) {
    return result(
      id,
      'warn',
      subject,
      `The last valid certificate expires in ${daysLeft} days (${lastExpiryText})`,
      evidence,
      `Rotate the app certificate before ${lastExpiryText} (Rotation › App certificate): add a new one, prove a token can be obtained with it, then remove the old one and put the new PFX in the safe.`,
    );
  }
  return result(id, 'pass', subject, `A certificate is valid until ${lastExpiryText}`, evidence);
}

function checkNoSecrets(app: AppSnapshot, subject: CheckSubject): CheckResult {
  const id = 'BG-APP-04';
  if (!app.application.ok) return cannotRead(id, subject, 'the app registration', app.application.reason);
  const secrets = app.application.value.passwordCredentials;
  if (!secrets) return cannotRead(id, subject, "the app registration's client secrets", notSelected('passwordCredentials'));
  if (secrets.length === 0) return result(id, 'pass', subject, 'The app has no client secrets', ['passwordCredentials is empty']);
  return result(
    id,
    'fail',
    subject,
    `The app has ${secrets.length === 1 ? 'a client secret' : `${secrets.length} client secrets`}`,
    // Not its hint: Graph's `hint` is the secret's first characters, and reports and the journal keep no part of a secret.
    [
      ...secrets.map((s) => `Client secret "${s.displayName ?? 'unnamed'}" (keyId ${s.keyId}, expires ${s.endDateTime ?? 'never'})`),
      'By Graph: POST /applications/{id}/removePassword with each keyId',
    ],
    `Delete every client secret (App registrations › ${subject.name} › Certificates & secrets › Client secrets › Delete). A secret can be copied without opening the safe; the break-glass app signs in with its certificate only.`,
  );
}

function checkCertificateIndependence(
  app: AppSnapshot,
  authorities: Readable<readonly CertificateAuthority[]>,
  subject: CheckSubject,
  now: Date,
): CheckResult {
  const id = 'BG-APP-05';
  if (!app.application.ok) return cannotRead(id, subject, 'the app registration', app.application.reason);
  const ownAppId = app.application.value.appId;
  const keys = app.application.value.keyCredentials;
  if (!keys) return cannotRead(id, subject, "the app registration's certificates", notSelected('keyCredentials'));
  const certificates = keys.filter((k) => k.type === 'AsymmetricX509Cert' && !isExpiredAt(k, now));
  const findings: string[] = [];
  const unknowns: string[] = [];
  const label = (k: KeyCredential) => `certificate ${keyThumbprintText(k)}`;

  if (!app.otherApplications.ok) unknowns.push(`Could not read the other applications' certificates: ${app.otherApplications.reason}`);
  else {
    for (const k of certificates) {
      const sharers = app.otherApplications.value.filter(
        (other) => !sameId(other.appId, ownAppId) && (other.keyCredentials ?? []).some((o) => isSameCertificate(o, k)),
      );
      for (const other of sharers) findings.push(`The ${label(k)} is also registered on "${other.displayName}" (appId ${other.appId})`);
    }
    const unread = app.otherApplications.value.filter((other) => !sameId(other.appId, ownAppId) && !other.keyCredentials);
    if (unread.length > 0)
      unknowns.push(
        `Graph returned no keyCredentials for ${unread.map((o) => `"${o.displayName}" (appId ${o.appId})`).join(', ')}, so whether they share the certificate is unknown`,
      );
  }

  if (!authorities.ok) unknowns.push(`Could not read the certificate-based-auth CAs: ${authorities.reason}`);
  else if (authorities.value.length > 0) {
    const caSubjects = authorities.value.map((ca) => ({ ca, subject: certificateNames(ca.certificate)?.subject }));
    for (const { ca } of caSubjects.filter((c) => !c.subject))
      unknowns.push(`A certificate-based-auth CA${ca.issuer ? ` (issuer ${ca.issuer})` : ''} could not be read as an X.509 certificate`);
    for (const k of certificates) {
      const issuer = k.key ? certificateNames(k.key)?.issuer : undefined;
      if (!issuer) {
        unknowns.push(
          `The issuer of the ${label(k)} is unknown: Graph returns the certificate body (key) only when the application is read on its own with $select=keyCredentials`,
        );
        continue;
      }
      const issuing = caSubjects.find((c) => c.subject === issuer);
      if (issuing)
        findings.push(
          `The ${label(k)} is issued by a CA trusted for certificate-based auth${issuing.ca.issuer ? ` (CA issued by ${issuing.ca.issuer})` : ''}`,
        );
    }
  }

  const evidence = [...certificates.map((k) => describeCertificate(k, now)), ...findings, ...unknowns];
  if (findings.length > 0) {
    return result(
      id,
      'warn',
      subject,
      'A certificate of the app is shared with another app or issued by a CA trusted for sign-in',
      evidence,
      "Replace it with a new self-signed certificate used by no other app (Rotation › App certificate) and put the new PFX in the safe; the break-glass app's certificate must not depend on, or be held by, anything else in the environment.",
    );
  }
  if (unknowns.length > 0) {
    return result(
      id,
      'indeterminate',
      subject,
      "Could not tell whether the app's certificate is independent",
      evidence,
      `Resolve the read problems named in the evidence and run the checks again, or compare by hand: the certificate's issuer (App registrations › ${subject.name} › Certificates & secrets) must not be one of the CAs under Security › Certificate authorities, and its thumbprint must not appear on another app.`,
    );
  }
  return result(
    id,
    'pass',
    subject,
    "The app's certificates are its own and not issued by a CA trusted for sign-in",
    evidence.length > 0 ? evidence : ['The app has no unexpired certificates to compare'],
  );
}

function checkNoOwners(app: AppSnapshot, subject: CheckSubject): CheckResult {
  const id = 'BG-APP-06';
  if (!app.owners.ok) return cannotRead(id, subject, "the app registration's owners", app.owners.reason);
  const owners = app.owners.value;
  if (owners.length === 0) return result(id, 'pass', subject, 'The app registration has no owners', ['owners is empty']);
  return result(
    id,
    'warn',
    subject,
    `The app registration has ${owners.length === 1 ? 'an owner' : `${owners.length} owners`}`,
    owners.map((o) => `Owner ${o.displayName ?? 'unnamed'} (${o.id}${o['@odata.type'] ? `, ${o['@odata.type']}` : ''})`),
    `Remove the owners (App registrations › ${subject.name} › Owners › Remove). An owner can add a credential of their own to the break-glass app and act with its privilege.`,
  );
}

/**
 * The issuer and subject Names of an X.509 certificate (base64 DER), as hex of their DER bytes.
 * Comparing the encoded Names byte for byte is how an issuer is matched to a CA in practice
 * (RFC 5280 §7.1 allows more lenient matching; a CA copies its subject into what it issues).
 */
function certificateNames(base64Der: string): { issuer: string; subject: string } | undefined {
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(atob(base64Der.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
  const certificate = readTlv(bytes, 0);
  const tbs = certificate && readTlv(bytes, certificate.contentStart);
  if (!certificate || !tbs || certificate.tag !== 0x30 || tbs.tag !== 0x30) return undefined;
  const fields: Tlv[] = [];
  for (let offset = tbs.contentStart; offset < tbs.end && fields.length < 6;) {
    const field = readTlv(bytes, offset);
    if (!field) return undefined;
    fields.push(field);
    offset = field.end;
  }
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, validity, subject.
  const [issuer, , subject] = fields[0]?.tag === 0xa0 ? fields.slice(3, 6) : fields.slice(2, 5);
  if (issuer?.tag !== 0x30 || subject?.tag !== 0x30) return undefined;
  const hex = (t: Tlv) => Array.from(bytes.subarray(t.start, t.end), (b) => b.toString(16).padStart(2, '0')).join('');
  return { issuer: hex(issuer), subject: hex(subject) };
}

type Tlv = { readonly tag: number; readonly start: number; readonly contentStart: number; readonly end: number };

/** One DER tag-length-value at `start` (definite lengths only, as DER requires). */
function readTlv(bytes: Uint8Array, start: number): Tlv | undefined {
  const tag = bytes[start];
  let lengthByte = bytes[start + 1];
  if (tag === undefined || lengthByte === undefined) return undefined;
  let contentStart = start + 2;
  let length = lengthByte;
  if (lengthByte & 0x80) {
    const count = lengthByte & 0x7f;
    if (count === 0 || count > 4) return undefined;
    length = 0;
    for (let i = 0; i < count; i += 1) {
      lengthByte = bytes[contentStart + i];
      if (lengthByte === undefined) return undefined;
      length = length * 256 + lengthByte;
    }
    contentStart += count;
  }
  const end = contentStart + length;
  return end <= bytes.length ? { tag, start, contentStart, end } : undefined;
}
