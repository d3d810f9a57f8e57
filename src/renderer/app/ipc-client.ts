/**
 * The renderer's typed client for the IPC contract. In the desktop app it goes through the
 * preload bridge; in a browser it goes to the web host with the launch token.
 */
import { bridgeGlobalName, type BreakglassBridge } from '../../shared/ipc/bridge.ts';
import type { ChannelName } from '../../shared/ipc/channels.ts';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract.ts';
import { IpcError, type IpcEnvelope } from '../../shared/ipc/errors.ts';

export type Transport = (channel: ChannelName, input: unknown) => Promise<IpcEnvelope>;

export type IpcClient = {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
};

const tokenStorageKey = 'breakglass.webHostToken';

/** Takes the launch token out of the address bar (#token=…), keeping it for reloads of this tab. */
function webHostToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    window.sessionStorage.setItem(tokenStorageKey, match[1]);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  return window.sessionStorage.getItem(tokenStorageKey) ?? '';
}

function transportFailure(message: string): IpcEnvelope {
  return {
    ok: false,
    error: {
      code: 'transport-failed',
      message,
      nextStep: 'Check that the app is still running (the terminal that started it), then reload this page.',
    },
  };
}

function webHostTransport(): Transport {
  const token = webHostToken();
  return async (channel, input) => {
    let response: Response;
    try {
      response = await fetch(`./ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input),
      });
    } catch {
      return transportFailure('The app is not answering: the connection to it failed.');
    }
    try {
      return (await response.json()) as IpcEnvelope;
    } catch {
      return transportFailure(`The app answered with something unreadable (HTTP ${response.status}).`);
    }
  };
}

export function detectTransport(): Transport {
  const bridge = (window as unknown as Record<string, BreakglassBridge | undefined>)[bridgeGlobalName];
  if (bridge) return (channel, input) => bridge.invoke(channel, input);
  return webHostTransport();
}

export function createIpcClient(transport: Transport): IpcClient {
  return {
    async invoke(channel, input) {
      const envelope = await transport(channel, input);
      if (!envelope.ok) throw new IpcError(envelope.error);
      // Main validated this value against the channel's output schema before sending it.
      return envelope.value as never;
    },
  };
}
