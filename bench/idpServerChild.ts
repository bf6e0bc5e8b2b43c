// Child process that runs the mock IdP server (all personas) until the parent closes stdin, so a
// benchmark's HTTP client and the server do not share a thread.
import { startIdpServer } from '../mock-idps/index.ts';
import { childMain, sendToParent, untilParentCloses } from './childProcess.ts';

export interface IdpServerChildMessage {
  readonly url: string;
  readonly controlUrl: string;
}

childMain(async () => {
  const server = await startIdpServer();
  const message: IdpServerChildMessage = { url: server.url, controlUrl: server.controlUrl };
  sendToParent(message);
  await untilParentCloses();
  await server.close();
});
