/** The certificate file on the safe's media and the passphrase from its sealed envelope. */
export function PfxFileFields(props: {
  path: string;
  onPath: (path: string) => void;
  passphrase: string;
  onPassphrase: (passphrase: string) => void;
}) {
  return (
    <>
      <label>
        Path of the PFX file
        <input value={props.path} onChange={(e) => props.onPath(e.target.value)} required autoComplete="off" spellCheck={false} />
      </label>
      <label>
        Passphrase (from the sealed envelope)
        <input type="password" value={props.passphrase} onChange={(e) => props.onPassphrase(e.target.value)} autoComplete="off" />
      </label>
    </>
  );
}
