// Child process of the cold-start benchmark: `node bench/coldStart/child.ts <target>` starts one
// target, tells the parent which URLs to ask, and closes it when the parent closes stdin.
import { childMain, sendToParent, untilParentCloses } from '../childProcess.ts';
import { COLD_START_TARGETS, isColdStartTarget, startTarget } from './targets.ts';

childMain(async () => {
  const target = process.argv[2];
  if (!isColdStartTarget(target))
    throw new Error(`unknown cold-start target "${target ?? ''}"; use one of: ${COLD_START_TARGETS.join(', ')}`);
  const started = await startTarget(target);
  sendToParent({ readyUrls: started.readyUrls });
  await untilParentCloses();
  await started.close();
});
