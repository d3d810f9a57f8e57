/**
 * The shape of a sign-in failure guide and the steps the guides share (codes.ts, codes-consent.ts):
 * a step that suggests another way in names the alternative it offers, so explain.ts can leave out
 * what is not open to the custodian.
 */
export type SignInPath = 'security-key' | 'certificate' | 'device-code';

export type SignInAlternative =
  'other-account' | 'app-certificate' | 'security-key' | 'wait-and-retry' | 'device-code' | 'check-clock' | 'check-certificate';

export type GuideStep =
  | string
  | {
      readonly text: string;
      /** The alternative this step suggests; the step is left out when it is not open. */
      readonly offers?: SignInAlternative;
      /** Shown only when the failed sign-in used one of these paths. */
      readonly paths?: readonly SignInPath[];
    }
  /** Shown only when no other step offers another way in (explain.ts writes the text). */
  | { readonly lastResort: true };

export type FailureGuideText = {
  readonly title: string;
  readonly explanation: string;
  readonly nextSteps: readonly GuideStep[];
};

export type FailureGuide = FailureGuideText & {
  /** Replaces parts of the guide when the failure happened on that path. */
  readonly onPath?: Partial<Record<SignInPath, Partial<FailureGuideText>>>;
  /** Not a failure: the sign-in is still in progress. */
  readonly stillWaiting?: true;
};

export const appInstead = (text = 'Sign in with the app certificate instead.'): GuideStep => ({ text, offers: 'app-certificate' });
export const appInsteadOfCa = appInstead('Sign in with the app certificate instead: user Conditional Access policies do not apply to it.');
export const otherAccount = (text = 'Or try the other break-glass account.'): GuideStep => ({ text, offers: 'other-account' });
export const userInstead: GuideStep = {
  text: 'Sign in with a break-glass user account and its security key instead.',
  offers: 'security-key',
  paths: ['certificate'],
};
export const lastResort: GuideStep = { lastResort: true };
/** Every other way in, in the order a custodian should try them. */
export const anotherWayIn = (app: GuideStep = appInstead(), other: GuideStep = otherAccount()): GuideStep[] => [
  app,
  other,
  userInstead,
  lastResort,
];
export const useSecurityKey = (
  text = 'Sign in again and choose the security key (FIDO2), not the password. Enter its PIN and touch it when it blinks.',
): GuideStep => ({
  text,
  offers: 'security-key',
});
export const startAgain = 'Start the sign-in again from the beginning.';
export const checkPfx: GuideStep = {
  text: 'Check that the PFX you took from the safe is the current one: compare its thumbprint with the one recorded at the last rotation.',
  offers: 'check-certificate',
};
export const checkClock: GuideStep = { text: "Check this computer's date, time and time zone, and correct them.", offers: 'check-clock' };
export const checkTenant = 'Check the tenant ID and the endpoints in the inventory file (breakglass.config.json).';
