/**
 * assets/demo-tenant.README.md: what is in the demo tenant, where the safe's contents are, and
 * the planted problems a drill should find (described here and nowhere else).
 */
import { breakGlassProtectionPolicy } from './conditional-access.ts';
import { apps, azureIds, breakGlassUpns, customDomain, groupIds, initialDomain, tenantId, tenantName, userIds } from './ids.ts';
import { deletedTravelGroupName, envelopePasswords, securityKeyPins } from './secrets.ts';
import { lastDrill, type Timeline } from './timeline.ts';

export const generatorCommand = 'node --import tsx tools/demo-seed/make-demo-seed.ts';

const addDays = (isoDateTime: string, days: number) => new Date(Date.parse(isoDateTime) + days * 86_400_000).toISOString().slice(0, 10);

function overview(when: Timeline): string {
  const drill = lastDrill(when);
  return `# Demo tenant: ${tenantName}

A simulated Microsoft Entra ID tenant for drills, demos and development. Nothing in it touches a
real tenant. The seed holds Graph- and ARM-shaped objects (docs/domain.md, "The simulated-tenant seed");
the inventory file names the break-glass accounts, app and monitoring the checks look at.

| File | What it is |
|---|---|
| \`assets/demo-tenant.seed.json\` | the tenant (\`--sim\` / \`--seed\`) |
| \`assets/demo-tenant.config.json\` | the matching inventory (\`--config\`) |
| \`assets/demo-tenant.README.md\` | this file |

\`\`\`sh
npx breakglass check --config assets/demo-tenant.config.json --sim assets/demo-tenant.seed.json
npx breakglass sim --seed assets/demo-tenant.seed.json    # serve it over HTTPS on 127.0.0.1
npx breakglass web --sim assets/demo-tenant.seed.json    # the app, on this tenant
\`\`\`

All three files are written by \`${generatorCommand} [--as-of YYYY-MM-DD]\`.
Ids are fixed; only the two app certificates get new key pairs on each run. Recent activity is
dated back from the "as of" day (this copy: **${when.asOf}**): the last drill was on
${drill.breakglass1.slice(0, 10)}, so the accounts' last sign-in is within the 90-day review interval
(BG-USR-08) until ${addDays(drill.breakglass1, 90)}. Regenerate with a later \`--as-of\` after that.

## The tenant

- **${tenantName}**, tenant id \`${tenantId}\`, licence P2.
- Domains: \`${initialDomain}\` (initial) and \`${customDomain}\` (verified, default).
- Staff are synchronised from on-premises AD (\`onPremisesSyncEnabled: true\`) and use Microsoft
  Authenticator; admins hold their roles through PIM (eligible). One B2B guest from Fabrikam.
- 32 Conditional Access policies named after j0eyv/ConditionalAccessBaseline (CA0xx global,
  CA1xx admins, CA2xx internals, CA3xx service accounts, CA4xx guests, CA5xx workload identities).
`;
}

function safeContents(): string {
  return `## What is in the safe

| Account | Object id | Keys (PIN) | Envelope password |
|---|---|---|---|
| \`${breakGlassUpns.breakglass1}\` | \`${userIds.breakglass1}\` | Safe key A1, YubiKey 5 NFC (\`${securityKeyPins.a1}\`); Safe key A2, YubiKey 5C NFC (\`${securityKeyPins.a2}\`) | \`${envelopePasswords.breakglass1}\` |
| \`${breakGlassUpns.breakglass2}\` | \`${userIds.breakglass2}\` | Safe key B1, YubiKey 5 NFC (\`${securityKeyPins.b1}\`) | \`${envelopePasswords.breakglass2}\` |

Both accounts are cloud-only members on the initial domain, permanent active Global
Administrators, and members of the exclusion group **CA-BreakGlassAccounts - Exclude**
(\`${groupIds.breakGlassExclusion}\`, role-assignable, no owners). The policy
${breakGlassProtectionPolicy.displayName}
targets only that group and requires phishing-resistant MFA, so the FIDO2 keys sign in and the
envelope passwords alone do not; the passwords are simulated values for drills of that path.

| App | appId | Object id | Service principal |
|---|---|---|---|
| Break-Glass Emergency Access App | \`${apps.breakGlass.appId}\` | \`${apps.breakGlass.objectId}\` | \`${apps.breakGlass.servicePrincipalId}\` |
| Break-Glass Readiness Reader | \`${apps.reader.appId}\` | \`${apps.reader.objectId}\` | \`${apps.reader.servicePrincipalId}\` |
| Break-Glass Runbook (custodian sign-in) | \`${apps.custodian.appId}\` | \`${apps.custodian.objectId}\` | \`${apps.custodian.servicePrincipalId}\` |

- The **break-glass app** has a self-signed certificate valid 2026-01-01 – 2031-01-01, holds
  Global Administrator (active, permanent) and the Graph application permissions every recovery
  and rotation action needs: Policy.Read.All, Policy.ReadWrite.ConditionalAccess and
  Application.Read.All (Conditional Access repairs), RoleManagement.ReadWrite.Directory (role
  assignment), User-PasswordProfile.ReadWrite.All (password reset; Global Administrator is the
  privileged role it also needs for the break-glass accounts), User.RevokeSessions.All,
  UserAuthenticationMethod.ReadWrite.All (rotation reviews and removes security keys registered
  during an incident) and Directory.ReadWrite.All.
- The **reader** has its own certificate (valid to 2029-01-01), read-only Graph permissions, the
  Entra role Security Reader, Azure Reader on the subscription, and Azure Reader at scope
  \`/providers/Microsoft.aadiam\` – the only grant through which an app reads the tenant's
  diagnostic settings (an Entra role does not). Routine checks use it, never a break-glass
  credential.
- The **custodian sign-in** app is a public client (\`http://localhost\`) for the interactive FIDO2
  sign-in.
- Certificates and private keys are in the seed's \`simulator.credentials\`.

Monitoring: subscription \`${azureIds.subscriptionId}\` ("Contoso Drill – Security Operations"),
workspace \`${azureIds.workspaceName}\` in \`${azureIds.resourceGroup}\`, fed by the \`microsoft.aadiam\`
diagnostic setting \`entra-to-secops-law\`; alert rules \`sev0-breakglass-account-signin\` and
\`sev0-breakglass-app-signin\`, action group \`ag-breakglass-signin\`.
`;
}

function plantedProblems(): string {
  return `## Planted problems

A drill (or \`breakglass check\`) should find exactly these. Every other check passes, except
BG-REV-01, which reads the journal rather than the tenant, and BG-USR-08 once the last drill is
more than 90 days old (see above).

| # | What is wrong | Where | Check | Verdict |
|---|---|---|---|---|
| 1 | The policy excludes breakglass1 directly (\`excludeUsers\`) instead of the exclusion group, so breakglass2 is not excluded. It requires a compliant device for Office 365 only, so it does not stop breakglass2 signing in to Microsoft Graph or Azure management – but it would stop breakglass2 in Outlook, Teams or SharePoint. | CA210-Internals-DataProtection-Office365-AnyPlatform-CompliantDevice | BG-CA-01 | fail (breakglass2) |
| 2 | A report-only pilot requiring a compliant device for admin roles has no exclusions; both accounts hold Global Administrator, so it applies to them and would lock them out once switched on. | CA106-Admins-BaseProtection-AnyApp-AnyPlatform-CompliantDevice | BG-CA-02 | warn (both accounts) |
| 3 | The country allow-list policy still excludes the deleted group "${deletedTravelGroupName}" (\`${groupIds.travelExclusion}\`). | CA001-Global-AttackSurfaceReduction-AnyApp-AnyPlatform-BLOCK-CountryWhitelist | BG-CA-04 | warn |
| 4 | breakglass2 has only one FIDO2 key (Safe key B1); two or more are recommended. | ${breakGlassUpns.breakglass2} | BG-USR-05 | warn (breakglass2) |
| 5 | The break-glass app still has a client secret ("setup test", valid to 2027-01-12). | Break-Glass Emergency Access App | BG-APP-04 | fail |
| 6 | The alert's action group notifies only two mailboxes on \`${customDomain}\`, a verified domain of the monitored tenant, and nobody outside it (no SMS, voice or webhook) – if the tenant is down, nobody hears the alert. Both alert rules use this group. | action group ag-breakglass-signin | BG-MON-04 | fail |
| 7 | The Sev-0 account rule's query names breakglass1's object id only; breakglass2's sign-ins raise no alert. | alert rule sev0-breakglass-account-signin | BG-MON-02 | fail (breakglass2) |

## Looks odd, but is fine

- CA006 targets only the break-glass group and requires phishing-resistant MFA: intended
  protection (BG-CA-03 passes with a note).
- CA209 targets an authentication context and does not exclude the break-glass group: it applies
  only when a resource requests context \`c1\`, and the checks skip such policies.
- CA500/CA501 (workload identities) exclude the break-glass app and the reader; CA501 is disabled.
- CA206 and CA301 are report-only but exclude the break-glass group; CA403 is disabled.
`;
}

export function readme(when: Timeline): string {
  return `${overview(when)}\n${safeContents()}\n${plantedProblems()}`;
}
