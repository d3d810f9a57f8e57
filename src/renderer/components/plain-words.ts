/**
 * The custodian's words in view, the identifiers in the details: an Azure resource path is said by
 * its last name ("the workspace law-secops"), an id in brackets is dropped, a bare id is said as
 * "an id". The full text stays in the details beside it.
 */
const guid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const resourcePath = /\/subscriptions\/[^\s,;)'"“”]+/gi;
const bracketedGuid = new RegExp(` ?\\(${guid}\\)`, 'gi');
const bareGuid = new RegExp(`\\b${guid}\\b`, 'gi');

export function withoutIds(text: string): string {
  return text
    .replace(resourcePath, (path) => {
      const name = path.replace(/[.]$/, '').split('/').filter(Boolean).pop() ?? path;
      return `“${name}”${path.endsWith('.') ? '.' : ''}`;
    })
    .replace(bracketedGuid, '')
    .replace(bareGuid, 'an id');
}

/** Whether the text holds something `withoutIds` takes out, so the full text belongs in the details. */
export function hasIds(text: string): boolean {
  return withoutIds(text) !== text;
}
