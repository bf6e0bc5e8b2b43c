// The portal's skins by name (createPortal({ skin }), `sso-harness portal serve --foreign`).
import { foreignSkin } from './foreign/index.ts';
import { referenceSkin } from './reference/index.ts';
import type { PortalSkin, SkinName } from './types.ts';

export { foreignSkin, referenceSkin };
export type { PortalSkin, SkinName };

export const SKINS: Readonly<Record<SkinName, PortalSkin>> = { reference: referenceSkin, foreign: foreignSkin };

export function skinNamed(name: SkinName): PortalSkin {
  return SKINS[name];
}
