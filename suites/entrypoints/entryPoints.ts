// Every entry point for one persona's login flow, each person with devices of their own: their
// web browser, the system browser the desktop app opens, an iPhone and an Android phone. A device
// keeps its IdP session between logins, as a real one does; `close()` puts them all away.
import type { Browser, BrowserContext } from '@playwright/test';
import type { ProvisionedAccount } from '../../lib/index.ts';
import type { LoginFlow } from '../../mock-idps/index.ts';
import type { PortalDriver } from '../driver/portalDriver.ts';
import type { SeatLogin } from '../fixtures.ts';
import type { HarnessTarget } from '../target/harnessTarget.ts';
import { desktopApp } from './desktopApp.ts';
import { selectedEntryPoints, type EntryPoint, type EntryPointId, type NativeEntryPointId } from './entryPoint.ts';
import { mobileApp, newPhone } from './mobileApp.ts';
import type { NativeApp } from './nativeApp.ts';
import { webPortal } from './webPortal.ts';

export interface EntryPointsOptions {
  readonly browser: Browser;
  readonly target: HarnessTarget;
  readonly loginFlow: LoginFlow;
  /** The account the seats belong to: its pages, SP and native endpoints. */
  readonly account: ProvisionedAccount;
  /** The web browser a seat's person already uses (e.g. the admin's); others get a browser of their own on first use. */
  readonly webPerson?: (seat: SeatLogin) => PortalDriver | undefined;
}

export interface EntryPoints {
  readonly all: readonly EntryPoint[];
  get(id: EntryPointId): EntryPoint;
  /** The seat's person's web browser (the given one, or their own, opened on first use). */
  webBrowserOf(seat: SeatLogin): Promise<PortalDriver>;
  /** The native app on this seat's device, for suites that drive the OAuth exchange step by step. */
  nativeApp(id: NativeEntryPointId, seat: SeatLogin): Promise<NativeApp>;
  close(): Promise<void>;
}

const TITLES: Readonly<Record<NativeEntryPointId, string>> = {
  desktop: 'desktop app',
  'mobile-ios': 'mobile app (iPhone)',
  'mobile-android': 'mobile app (Android)',
};

/** One opened device per key, opened on first use. */
class Shelf<T extends { readonly context: BrowserContext }> {
  readonly #opened = new Map<string, Promise<T>>();

  get(key: string, open: () => Promise<T>): Promise<T> {
    let device = this.#opened.get(key);
    if (!device) {
      device = open();
      this.#opened.set(key, device);
    }
    return device;
  }

  async closeAll(): Promise<void> {
    const devices = await Promise.all(this.#opened.values());
    this.#opened.clear();
    await Promise.all(devices.map(({ context }) => context.close()));
  }
}

/** Opens the entry points `ids` (default: those the run covers, see `selectedEntryPoints`). */
export function openEntryPoints(options: EntryPointsOptions, ids: readonly EntryPointId[] = selectedEntryPoints()): EntryPoints {
  const { browser, target, loginFlow, account } = options;
  const webBrowsers = new Shelf<{ readonly context: BrowserContext; readonly person: PortalDriver }>();
  const appDevices = new Shelf<{ readonly context: BrowserContext; readonly app: NativeApp }>();

  const personOf = async (seat: SeatLogin): Promise<PortalDriver> => {
    const given = options.webPerson?.(seat);
    if (given) return given;
    const { person } = await webBrowsers.get(seat.email, async () => {
      const context = await browser.newContext({ baseURL: target.portalUrl });
      return { context, person: target.driver(await context.newPage(), account) };
    });
    return person;
  };

  const nativeApp = async (id: NativeEntryPointId, seat: SeatLogin): Promise<NativeApp> => {
    const { app } = await appDevices.get(`${id} ${seat.email}`, async () => {
      if (id === 'desktop') {
        const context = await browser.newContext({ baseURL: target.portalUrl });
        return { context, app: desktopApp({ systemBrowser: context, target, account, loginFlow }) };
      }
      const context = await newPhone(browser, id, target.portalUrl);
      return { context, app: mobileApp({ phone: id, device: context, target, account, loginFlow }) };
    });
    return app;
  };

  const nativeEntryPoint = (id: NativeEntryPointId): EntryPoint => ({
    id,
    title: TITLES[id],
    logIn: async (seat) => (await nativeApp(id, seat)).logIn(seat),
    expectFails: async (seat, symptom) => (await nativeApp(id, seat)).expectFails(seat, symptom),
    logOut: async (seat) => (await nativeApp(id, seat)).logOut(),
  });

  const all = ids.map((id) => (id === 'web' ? webPortal({ target, loginFlow, person: personOf }) : nativeEntryPoint(id)));
  return {
    all,
    get(id) {
      const found = all.find((entryPoint) => entryPoint.id === id);
      if (!found) throw new Error(`Entry point "${id}" was not opened here; opened: ${ids.join(', ')}.`);
      return found;
    },
    webBrowserOf: personOf,
    nativeApp,
    async close() {
      await Promise.all([webBrowsers.closeAll(), appDevices.closeAll()]);
    },
  };
}
