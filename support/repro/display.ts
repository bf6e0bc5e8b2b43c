// Whether a headed browser can open here, apart from the browser itself: `repro --headed` asks
// before it starts anything, without loading playwright-core.

export class NoDisplayError extends Error {}

/** Whether a headed browser can open a window here. */
export function displayAvailable(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env['DISPLAY'] || env['WAYLAND_DISPLAY']);
}
