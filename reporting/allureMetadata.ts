// A test's Allure labels and parameters: its suite area (the report's first grouping), and its
// vendor, protocol, persona, entry point(s), lifecycle lockout cause and catalog fault, read from
// its annotations. Sent as one runtime message: each `allure.label()` / `allure.parameter()` call
// is a message of its own (an attachment, a reported step and a message to the runner), some
// twelve per test, ~1–2 CPU-seconds of a per-customer certification.
import type { TestInfo } from '@playwright/test';
import * as allure from 'allure-js-commons';
import type { Label, Parameter } from 'allure-js-commons';
import type { RuntimeMessage } from 'allure-js-commons/sdk';
import { getGlobalTestRuntime } from 'allure-js-commons/sdk/runtime';
import { relative } from 'node:path';
import { PERSONAS, vendorFacts } from '../mock-idps/index.ts';
import type { PersonaId } from '../mock-idps/index.ts';
import { entryPointsOf, readSubject, type Annotation } from './annotations.ts';
import { areaOf } from './runReport.ts';

export interface AllureMetadata {
  readonly labels: readonly Label[];
  readonly parameters: readonly Parameter[];
}

/** The labels and parameters of a test in `file` (its path under the suites folder) with these annotations. */
export function allureMetadataOf(file: string, annotations: readonly Annotation[]): AllureMetadata {
  const labels: Label[] = [{ name: 'epic', value: areaOf(file) }];
  const parameters: Parameter[] = [];
  const subject = readSubject(annotations);
  if (!subject.vendor && !subject.protocol && !subject.fault) return { labels, parameters };
  const persona = subject.persona && Object.hasOwn(PERSONAS, subject.persona) ? PERSONAS[subject.persona as PersonaId] : undefined;
  // The vendor's product name (the persona file's facts) when the test names its persona.
  const entryPoints = entryPointsOf(subject).join(', ');
  if (subject.vendor) {
    labels.push({ name: 'vendor', value: subject.vendor });
    labels.push({ name: 'feature', value: persona ? vendorFacts(persona.vendor).productName : subject.vendor });
    parameters.push({ name: 'vendor', value: subject.vendor });
  }
  if (subject.protocol) {
    labels.push({ name: 'protocol', value: subject.protocol });
    labels.push({ name: 'story', value: subject.protocol.toUpperCase() });
    parameters.push({ name: 'protocol', value: subject.protocol });
  }
  if (subject.persona) labels.push({ name: 'persona', value: subject.persona });
  labels.push({ name: 'entry point', value: entryPoints });
  parameters.push({ name: 'entry point', value: entryPoints });
  if (subject.lockoutCause) labels.push({ name: 'lockout cause', value: subject.lockoutCause });
  if (subject.fault) {
    labels.push({ name: 'fault', value: subject.fault });
    parameters.push({ name: 'fault', value: subject.fault });
  }
  return { labels, parameters };
}

/** The runtime allure-playwright installs in a worker sends messages; any other (none, a no-op) gets the facade's calls. */
interface MessageRuntime {
  sendMessage(message: RuntimeMessage): Promise<void>;
}

function isMessageRuntime(runtime: unknown): runtime is MessageRuntime {
  return typeof (runtime as Partial<MessageRuntime>).sendMessage === 'function';
}

/** Labels the running test for Allure, in one runtime message. */
export async function labelForAllure(testInfo: TestInfo): Promise<void> {
  const { labels, parameters } = allureMetadataOf(relative(testInfo.project.testDir, testInfo.file), testInfo.annotations);
  const runtime = getGlobalTestRuntime();
  if (isMessageRuntime(runtime)) {
    await runtime.sendMessage({ type: 'metadata', data: { labels: [...labels], parameters: [...parameters] } });
    return;
  }
  await allure.labels(...labels);
  for (const parameter of parameters) await allure.parameter(parameter.name, parameter.value);
}
