/**
 * Groups of the demo tenant: the Conditional Access exclusion group named as in the
 * j0eyv/ConditionalAccessBaseline ("CA-BreakGlassAccounts - Exclude"), persona and department
 * groups (SG-IT-Helpdesk is nested in SG-IT-Department), a Microsoft 365 group and the PIM
 * approvers.
 */
import { customDomain, groupIds, userIds } from './ids.ts';
import type { GroupInput } from './shapes.ts';

const securityGroup = (
  id: string,
  displayName: string,
  description: string,
  createdDateTime: string,
  members: string[],
  owners: string[],
): GroupInput => ({
  id,
  displayName,
  description,
  mail: null,
  mailEnabled: false,
  mailNickname: displayName.replace(/[^A-Za-z0-9-]/g, ''),
  securityEnabled: true,
  groupTypes: [],
  isAssignableToRole: false,
  membershipRule: null,
  membershipRuleProcessingState: null,
  visibility: null,
  createdDateTime,
  members,
  owners,
});

export function groups(): GroupInput[] {
  return [
    {
      ...securityGroup(
        groupIds.breakGlassExclusion,
        'CA-BreakGlassAccounts - Exclude',
        'Emergency access accounts. Excluded from every Conditional Access policy. Membership changes only through the break-glass procedure.',
        '2025-03-04T09:20:16Z',
        [userIds.breakglass1, userIds.breakglass2],
        [],
      ),
      // Role-assignable, so only Privileged Role Administrators and Global Administrators can
      // change who is excluded from Conditional Access (BG-CA-06 in docs/domain.md, "The catalogue").
      isAssignableToRole: true,
      visibility: 'Private',
    },
    securityGroup(
      groupIds.serviceAccounts,
      'CA-Persona-ServiceAccounts',
      'Non-human user accounts (CA300 series).',
      '2024-04-11T10:07:40Z',
      [userIds.scanner],
      [userIds.megan],
    ),
    securityGroup(groupIds.itHelpdesk, 'SG-IT-Helpdesk', 'Service desk analysts.', '2024-05-06T11:52:09Z', [userIds.lee], [userIds.adele]),
    securityGroup(
      groupIds.itDepartment,
      'SG-IT-Department',
      'Everyone in IT, including the service desk (nested).',
      '2024-02-19T09:40:55Z',
      [userIds.adele, userIds.megan, userIds.nestor, userIds.alexAdmin, groupIds.itHelpdesk],
      [userIds.adele],
    ),
    securityGroup(
      groupIds.pimApprovers,
      'PIM-Approvers-Tier0',
      'Approve activations of Privileged Role Administrator.',
      '2025-02-03T15:18:27Z',
      [userIds.adele, userIds.megan],
      [],
    ),
    {
      id: groupIds.allStaff,
      displayName: 'Contoso Drill – All Staff',
      description: 'Company-wide announcements.',
      mail: `allstaff@${customDomain}`,
      mailEnabled: true,
      mailNickname: 'allstaff',
      securityEnabled: false,
      groupTypes: ['Unified'],
      isAssignableToRole: null,
      membershipRule: null,
      membershipRuleProcessingState: null,
      visibility: 'Public',
      createdDateTime: '2024-02-20T10:03:44Z',
      members: [userIds.adele, userIds.megan, userIds.lee, userIds.nestor, userIds.isaiah, userIds.diego],
      owners: [userIds.adele],
    },
  ];
}
