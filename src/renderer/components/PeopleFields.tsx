/** Who acts and who watches: every journal entry of the session names them. */
export function PeopleFields(props: {
  custodian: string;
  onCustodian: (name: string) => void;
  witness: string;
  onWitness: (name: string) => void;
  witnessHint: 'recommended' | 'optional';
}) {
  return (
    <>
      <label>
        Custodian (your name)
        <input value={props.custodian} onChange={(e) => props.onCustodian(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        Witness ({props.witnessHint})
        <input value={props.witness} onChange={(e) => props.onWitness(e.target.value)} autoComplete="off" />
      </label>
    </>
  );
}
