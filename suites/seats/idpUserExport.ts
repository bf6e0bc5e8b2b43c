// The user list an admin downloads from the IdP console and uploads to the seat email audit.
// Shaped as Entra's "Download users" CSV (userPrincipalName, displayName, mail): for guests the
// UPN is the #EXT# form and `mail` the real address, which is what the portal must read.
import { csvField } from '../../lib/index.ts';
import type { PublicUser } from '../../mock-idps/index.ts';
import type { IdpUserExportFile } from '../driver/portalDriver.ts';

/** The users assigned to the application, as the console exports them (unassigned and disabled users left out). */
export function entraUserExport(users: readonly PublicUser[], fileName = 'exportUsers.csv'): IdpUserExportFile {
  const rows = users
    .filter((user) => user.assigned && !user.disabled)
    .map((user) => [user.upn, user.displayName, user.email].map(csvField).join(','));
  return { fileName, csv: ['userPrincipalName,displayName,mail', ...rows].join('\r\n') + '\r\n' };
}
