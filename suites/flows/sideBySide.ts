// Independent steps of one test run at once (two customers' set-ups, the entry points of a story):
// every one runs to its end before the test goes on — none is left running behind a failure — and
// the first failure is the test's.
export async function sideBySide(tasks: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}
