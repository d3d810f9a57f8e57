/** Explains Microsoft Entra sign-in failures (AADSTS codes) to a custodian: parse, then explain. */
export { parseEntraError, type EntraFailure } from './parse-entra-error.ts';
export { explainSignInFailure, type SignInContext, type SignInExplanation } from './explain.ts';
export {
  aadstsGuides,
  namedFailureGuides,
  type FailureGuide,
  type FailureGuideText,
  type GuideStep,
  type SignInAlternative,
  type SignInPath,
} from './codes.ts';
export { findFailureGuide } from './find-failure-guide.ts';
