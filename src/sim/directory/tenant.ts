/**
 * The live state of the simulated tenant: the seed, copied so the simulator can change it
 * (rotation, recovery actions), with the lookups that sign-in policy and Graph both need.
 */
import { createHash } from 'node:crypto';

import type { ApplicationSeed, ServicePrincipalSeed, SignInSeed } from '../seed/schema-apps.ts';
import type { RoleEligibilityScheduleSeed } from '../seed/schema-governance.ts';
import type { GroupSeed, UserSeed } from '../seed/schema-directory.ts';
import type { Seed } from '../seed/schema.ts';
import { addIsoDuration } from '../../shared/iso-duration.ts';
import { SimulatorClock } from './clock.ts';

/** "Windows Azure Service Management API": the resource behind https://management.azure.com. */
export const azureManagementAppId = '797f4846-ba00-4fd7-ba43-dac1f8f63013';

type ScheduleSeed = RoleEligibilityScheduleSeed;

/** Epoch ms when a schedule ends; Infinity for noExpiration (or an end it does not state). */
export function scheduleEnd(schedule: ScheduleSeed): number {
  const { startDateTime, expiration } = schedule.scheduleInfo;
  if (expiration.type === 'afterDateTime' && expiration.endDateTime) return Date.parse(expiration.endDateTime);
  if (expiration.type === 'afterDuration' && expiration.duration && startDateTime) {
    return addIsoDuration(Date.parse(startDateTime), expiration.duration) ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}

export type PrincipalKind = 'user' | 'group' | 'servicePrincipal';

export class TenantState {
  readonly seed: Seed;
  readonly clock: SimulatorClock;
  private readonly passwords = new Map<string, string>();

  constructor(seed: Seed, clock = new SimulatorClock()) {
    this.seed = structuredClone(seed);
    this.clock = clock;
    for (const entry of this.seed.simulator.passwords) this.passwords.set(entry.userId.toLowerCase(), entry.password);
  }

  get tenantId(): string {
    return this.seed.tenant.id;
  }

  get initialDomain(): string {
    return this.seed.domains.find((d) => d.isInitial)?.id ?? this.seed.domains[0]?.id ?? '';
  }

  get isPremium(): boolean {
    return this.seed.tenant.licence !== 'free';
  }

  /** Accepts the tenant id or any of its domain names, as /{tenant}/ in Entra URLs does. */
  isThisTenant(tenant: string): boolean {
    const lowered = tenant.toLowerCase();
    return lowered === this.tenantId.toLowerCase() || this.seed.domains.some((d) => d.id.toLowerCase() === lowered);
  }

  user(idOrUpn: string): UserSeed | undefined {
    const key = idOrUpn.toLowerCase();
    return this.seed.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
  }

  group(id: string): GroupSeed | undefined {
    return this.seed.groups.find((g) => g.id.toLowerCase() === id.toLowerCase());
  }

  servicePrincipal(id: string): ServicePrincipalSeed | undefined {
    return this.seed.servicePrincipals.find((s) => s.id.toLowerCase() === id.toLowerCase());
  }

  servicePrincipalByAppId(appId: string): ServicePrincipalSeed | undefined {
    return this.seed.servicePrincipals.find((s) => s.appId.toLowerCase() === appId.toLowerCase());
  }

  application(id: string): ApplicationSeed | undefined {
    return this.seed.applications.find((a) => a.id.toLowerCase() === id.toLowerCase());
  }

  applicationByAppId(appId: string): ApplicationSeed | undefined {
    return this.seed.applications.find((a) => a.appId.toLowerCase() === appId.toLowerCase());
  }

  kindOf(id: string): PrincipalKind | undefined {
    if (this.user(id)) return 'user';
    if (this.group(id)) return 'group';
    if (this.servicePrincipal(id)) return 'servicePrincipal';
    return undefined;
  }

  /** Groups that contain the principal directly or through nested groups. */
  transitiveGroupIds(principalId: string): Set<string> {
    const found = new Set<string>();
    let frontier = [principalId.toLowerCase()];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const group of this.seed.groups) {
        const id = group.id.toLowerCase();
        if (found.has(id)) continue;
        if (group.members.some((m) => frontier.includes(m.toLowerCase()))) {
          found.add(id);
          next.push(id);
        }
      }
      frontier = next;
    }
    return found;
  }

  directGroupIds(principalId: string): Set<string> {
    const key = principalId.toLowerCase();
    return new Set(this.seed.groups.filter((g) => g.members.some((m) => m.toLowerCase() === key)).map((g) => g.id.toLowerCase()));
  }

  /**
   * Role template ids the principal holds *now* through active assignment schedules, directly
   * or through a (role-assignable) group it belongs to. Eligible roles do not count until
   * activated – that is what BG-USR-04 and PIM deadlocks are about.
   */
  activeRoleIds(principalId: string): Set<string> {
    const principals = new Set([principalId.toLowerCase(), ...this.transitiveGroupIds(principalId)]);
    const roles = new Set<string>();
    for (const schedule of this.seed.roleAssignmentSchedules) {
      if (principals.has(schedule.principalId.toLowerCase()) && this.isScheduleActive(schedule))
        roles.add(schedule.roleDefinitionId.toLowerCase());
    }
    return roles;
  }

  /** A provisioned schedule whose window contains now (`afterDuration` counts from its start). */
  isScheduleActive(schedule: ScheduleSeed): boolean {
    if (schedule.status !== 'Provisioned' && schedule.status !== 'Granted') return false;
    const now = this.clock.now().getTime();
    const start = schedule.scheduleInfo.startDateTime ? Date.parse(schedule.scheduleInfo.startDateTime) : 0;
    return start <= now && now < scheduleEnd(schedule);
  }

  /** Values of the app roles a service principal has been granted on a resource (e.g. Graph). */
  grantedAppRoles(servicePrincipalId: string, resourceAppId: string): string[] {
    const resource = this.servicePrincipalByAppId(resourceAppId);
    if (!resource) return [];
    const values = new Set<string>();
    for (const grant of this.seed.appRoleAssignments) {
      if (
        grant.principalId.toLowerCase() !== servicePrincipalId.toLowerCase() ||
        grant.resourceId.toLowerCase() !== resource.id.toLowerCase()
      )
        continue;
      const role = resource.appRoles.find((r) => r.id.toLowerCase() === grant.appRoleId.toLowerCase() && r.isEnabled);
      if (role?.value) values.add(role.value);
    }
    return [...values].sort();
  }

  password(userId: string): string | undefined {
    return this.passwords.get(userId.toLowerCase());
  }

  setPassword(userId: string, password: string): void {
    this.passwords.set(userId.toLowerCase(), password);
  }

  recordSignIn(record: SignInSeed): void {
    this.seed.signIns.unshift(record);
  }

  /** The directoryRole object id Graph shows in memberOf; stable per tenant and role. */
  directoryRoleObjectId(roleTemplateId: string): string {
    const hex = createHash('sha256').update(`${this.tenantId}/${roleTemplateId}`).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
