// cli/'s door: the sso-harness command (bin/sso-harness.js runs main); each command's module loads when that command runs.
export { main } from './main.ts';
