// The one message a remote-target preflight stops the run with: which setting of which target
// file, what was seen, what to change. Built from the target config so that no password, token or
// cookie of it can reach the message (every secret is masked before the message exists).
import type { RemoteTargetConfig } from './targetConfig.ts';

export interface PreflightProblem {
  /** The target-file setting to fix, e.g. `provisioning.token`, `selectors.emailLabel`. */
  readonly setting: string;
  readonly seen: string;
  readonly fix: string;
  /** Secrets of the preflight itself (a generated test password) to mask too. */
  readonly secrets?: readonly string[];
}

/** The secrets of a target file: they must never appear in any message. */
export function secretsOf(config: RemoteTargetConfig): string[] {
  return [config.admin?.password ?? '', config.support.password, config.provisioning?.token ?? ''];
}

/** Mask every secret (a secret shorter than 3 characters is masked only as a whole word, so a message stays readable). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    masked = masked.replace(new RegExp(secret.length < 3 ? `\\b${escaped}\\b` : escaped, 'g'), '[secret]');
  }
  return masked;
}

export class PreflightError extends Error {
  readonly setting: string;
  readonly file: string;

  constructor(config: RemoteTargetConfig, problem: PreflightProblem) {
    const secrets = [...secretsOf(config), ...(problem.secrets ?? [])];
    super(
      maskSecrets(
        [
          `The target file ${config.file} ("${config.name}") did not pass the preflight; no test ran.`,
          `  Setting: ${problem.setting}`,
          `  Seen:    ${problem.seen}`,
          `  Change:  ${problem.fix}`,
        ].join('\n'),
        secrets,
      ),
    );
    this.name = 'PreflightError';
    this.setting = problem.setting;
    this.file = config.file;
  }
}

export function missingProvisioning(config: RemoteTargetConfig): PreflightError {
  return new PreflightError(config, {
    setting: 'provisioning',
    seen: 'the target file has no "provisioning" setting.',
    fix:
      'add "provisioning": { "url": "<where the OE test environment serves /_harness (default: baseUrl)>", "token": "<its Bearer token>" }. ' +
      "Every test needs a fresh OE account (an admin and a user seat) and reads the account's SSO state and audit events back; " +
      'the OE test environment offers that through its harness provisioning API (README "Pointing the harness at a real OE environment").',
  });
}
