/**
 * Read-only media without root: a tmpfs mounted in a user namespace (`unshare -rm`), filled with
 * copies of given files and folders, then remounted read-only before the command runs on it.
 * A full disk is a tmpfs filled to its last byte. Where the system allows no user namespace,
 * `noUserNamespace` says so, for `{ skip }`.
 */
import { spawnSync } from 'node:child_process';

export const noUserNamespace: string | false =
  spawnSync('unshare', ['-rm', 'true']).status === 0
    ? false
    : 'this system allows no user namespace (unshare -rm) to mount a read-only disk in';

const script =
  'm=$1; n=$2; shift 2; mkdir -p "$m" && mount -t tmpfs -o size=8m none "$m" || exit 9; ' +
  'while [ "$n" -gt 0 ]; do cp -R "$1" "$m/" || exit 9; shift; n=$((n - 1)); done; ' +
  'mount -o remount,ro "$m" && touch "$m/probe" 2>/dev/null && { echo "the tmpfs is not read-only" >&2; exit 9; }; exec "$@"';

/**
 * The command line that runs `commandLine` with `paths` copied (folders whole, symbolic links as
 * links) onto read-only media mounted at `mount`.
 */
export function onReadOnlyMedia(paths: string[], mount: string, commandLine: string[]): [string, ...string[]] {
  return ['unshare', '-rm', 'sh', '-c', script, 'sh', mount, String(paths.length), ...paths, ...commandLine];
}

const fullScript =
  'm=$1; shift; mkdir -p "$m" && mount -t tmpfs -o size=64k none "$m" || exit 9; ' +
  'cat /dev/zero > "$m/filler" 2>/dev/null; echo x > "$m/probe" 2>/dev/null && { echo "the tmpfs is not full" >&2; exit 9; }; exec "$@"';

/** The command line that runs `commandLine` with a full disk (a tmpfs filled to its last byte) mounted at `mount`. */
export function onFullMedia(mount: string, commandLine: string[]): [string, ...string[]] {
  return ['unshare', '-rm', 'sh', '-c', fullScript, 'sh', mount, ...commandLine];
}
