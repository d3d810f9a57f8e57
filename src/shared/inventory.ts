/**
 * The inventory file (`breakglass.config.json`): which tenant, which break-glass accounts and
 * app, which reader app, where monitoring lives. Its shape is an interface contract
 * (docs/domain.md, "The inventory file"); unknown keys are refused so a typo never passes silently.
 */
import { z } from 'zod';

const Guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');

const HttpsUrl = z
  .string()
  .url('must be a URL')
  .refine((value) => value.startsWith('https://'), 'must be an https:// URL');

/** Microsoft's global cloud; other clouds and the simulator override these. */
export const globalCloudEndpoints = {
  authority: 'https://login.microsoftonline.com',
  graph: 'https://graph.microsoft.com',
  arm: 'https://management.azure.com',
} as const;

/**
 * Microsoft Graph Command Line Tools, the Microsoft-published public client of Microsoft Graph
 * PowerShell: the client an account signs in through unless the inventory names the tenant's own.
 * In a tenant it is a service principal of Microsoft's, with no application object there.
 */
export const microsoftGraphCommandLineToolsAppId = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export const Inventory = z
  .object({
    tenantId: Guid,
    endpoints: z.object({ authority: HttpsUrl, graph: HttpsUrl, arm: HttpsUrl }).strict().default(globalCloudEndpoints),
    accounts: z
      .array(
        z
          .object({
            userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be a user principal name (name@domain)'),
            id: Guid.optional(),
          })
          .strict(),
      )
      .default([]),
    exclusionGroupId: Guid.optional(),
    /**
     * The public client the accounts sign in through: Microsoft Graph Command Line Tools unless
     * the tenant registered one of its own (BG-CLI-01 checks whichever it is).
     */
    publicClientId: Guid.optional(),
    app: z
      .object({ appId: Guid, objectId: Guid.optional(), certificatePath: z.string().min(1).optional() })
      .strict()
      .optional(),
    reader: z
      .object({ appId: Guid, certificatePath: z.string().min(1).optional() })
      .strict()
      .optional(),
    monitoring: z
      .object({ subscriptionIds: z.array(Guid).default([]) })
      .strict()
      .optional(),
    reviewIntervalDays: z.number().int().min(1).max(366).default(90),
    /**
     * The folder each closed session's chain head is written to (docs/domain.md, "The chain-head
     * witness file"), e.g. on the safe's USB stick; relative to the inventory file's folder.
     */
    witnessFolder: z
      .string()
      .refine((value) => value.trim().length > 0, 'must be the path of a folder, not empty')
      .refine((value) => !value.includes('\0'), 'must be the path of a folder (it holds a NUL character)')
      .optional(),
  })
  .strict();

export type Inventory = z.infer<typeof Inventory>;

/** The public client the accounts sign in through. */
export function signInClientId(inventory: Pick<Inventory, 'publicClientId'>): string {
  return inventory.publicClientId ?? microsoftGraphCommandLineToolsAppId;
}
