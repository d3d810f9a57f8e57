/**
 * What the preload exposes on `window`: one `invoke` limited to the contract's channels.
 */
import type { IpcEnvelope } from './errors.ts';

export const bridgeGlobalName = 'breakglass';

export type BreakglassBridge = {
  invoke(channel: string, input: unknown): Promise<IpcEnvelope>;
};
