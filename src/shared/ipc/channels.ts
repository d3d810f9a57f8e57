/**
 * The names of every IPC channel, without their schemas.
 *
 * The sandboxed preload imports only this list (it must stay small and free of zod), and
 * `contract.ts` is type-checked to declare exactly these names.
 */
export const channelNames = [
  'app:status',
  'app:describeCapability',
  'journal:overview',
  'journal:session',
  'journal:verify',
  'journal:export',
  'journal:recordNote',
  'signIn:options',
  'signIn:start',
  'signIn:progress',
  'signIn:signOut',
  'readiness:options',
  'readiness:start',
  'readiness:progress',
  'readiness:run',
  'readiness:export',
  'readiness:toolExport',
  'incident:state',
  'incident:open',
  'incident:show',
  'incident:acknowledge',
  'incident:signIn',
  'incident:note',
  'incident:close',
  'recovery:policies',
  'recovery:policy',
  'recovery:blockedSignIn',
  'recovery:preview',
  'recovery:apply',
  'recovery:undo',
  'rotation:state',
  'rotation:begin',
  'rotation:signIn',
  'rotation:saveCertificate',
  'rotation:reopenCertificate',
  'rotation:continue',
  'rotation:newPassword',
  'rotation:setPassword',
  'rotation:methods',
  'rotation:reviewMethods',
  'rotation:keyReturned',
  'rotation:certificateReplaced',
  'rotation:checklist',
  'rotation:verify',
  'rotation:recordVerification',
  'rotation:abandon',
  'settings:runbook',
  'settings:saveRunbook',
  'settings:printedRunbook',
] as const;

export type ChannelName = (typeof channelNames)[number];

export function isChannelName(value: unknown): value is ChannelName {
  return typeof value === 'string' && (channelNames as readonly string[]).includes(value);
}
