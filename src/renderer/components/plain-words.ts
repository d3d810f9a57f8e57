/**
 * The custodian's words in view, the identifiers in the details: an Azure resource path is said by
 * its last name (“law-secops”), an id in brackets is dropped, a bare id says where it is
 * ("(id in the details)"). The full text stays in the details beside it.
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
    .replace(bareGuid, '(id in the details)');
}

/** Whether the text holds something `withoutIds` takes out, so the full text belongs in the details. */
export function hasIds(text: string): boolean {
  return withoutIds(text) !== text;
}

/** Whether a line already names everything in a subject ("policy × account"), so the subject need not follow it. */
export function namesSubject(line: string, subject: string): boolean {
  return subject.split(' × ').every((part) => line.includes(part));
}
