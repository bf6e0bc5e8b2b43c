// The reason of a refusal a browser shows, read the ways the target declares (the document's
// response header, an attribute on the page, the account's audit events since the attempt
// started), recorded on the test as a `reason-check` annotation: a wrong or missing reason is a
// warning-level finding in the reports, never the verdict itself (that is "refused": an alert, no session).
import { test, type Page, type Response } from '@playwright/test';
import type { AuditEvent, ReasonCode } from '../../lib/index.ts';
import {
  REASON_CHECK_ANNOTATION,
  auditEventsAdded,
  describeReasonVerdict,
  judgeReason,
  type ReasonVerdict,
} from '../target/reasonCheck.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';

/** What the browser showed since `watchRefusal` started: the last document's response, the audit before. */
export interface RefusalWatch {
  /** Judge the refusal now showing against `expected`; records the annotation and returns the verdict. */
  judge(expected: readonly ReasonCode[], what: string): Promise<ReasonVerdict>;
}

/** Start watching `page` before the attempt that is to be refused (audit events are compared with this moment). */
export async function watchRefusal(target: HarnessTarget, accountId: number | undefined, page: Page): Promise<RefusalWatch> {
  let last: Response | undefined;
  const onResponse = (response: Response): void => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) last = response;
  };
  page.on('response', onResponse);
  const before: readonly AuditEvent[] =
    accountId === undefined || !target.capabilities.reasons.audit ? [] : (await target.accountState(accountId)).auditEvents;
  return {
    async judge(expected, what) {
      page.off('response', onResponse);
      const headers = last ? await last.allHeaders().catch(() => undefined) : undefined;
      const html = await page.content();
      const auditEvents =
        accountId === undefined || !target.capabilities.reasons.audit
          ? undefined
          : auditEventsAdded(before, (await target.accountState(accountId)).auditEvents);
      const verdict = judgeReason(target.capabilities, expected, {
        ...(headers ? { headers } : {}),
        html,
        ...(auditEvents ? { auditEvents } : {}),
      });
      test.info().annotations.push({ type: REASON_CHECK_ANNOTATION, description: `${what}: ${describeReasonVerdict(verdict)}` });
      return verdict;
    },
  };
}
