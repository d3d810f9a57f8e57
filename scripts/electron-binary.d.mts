// Types of scripts/electron-binary.mjs, for the TypeScript tests that import it.
export type ElectronBinary = { path: string; missing?: undefined } | { path?: undefined; missing: string };
export function electronBinary(): ElectronBinary;
export function downloadElectronOnce(announce?: (line: string) => void): boolean;
export function electronBinaryOrDownload(announce?: (line: string) => void): ElectronBinary;
export function envForElectronHeaders(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
