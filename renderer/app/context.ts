/**
 * The two services every action needs: the host API and the inference worker client. They are
 * created once at start-up (main.tsx) and read by the action modules.
 */
import type { HostApi } from '../../src/host/api.ts';
import type { InferenceClient } from './inferenceClient.ts';

export interface WorkbenchServices {
  host: HostApi;
  inference: InferenceClient;
}

let services: WorkbenchServices | null = null;

export function setServices(next: WorkbenchServices): void {
  services = next;
}

export function getServices(): WorkbenchServices {
  if (services === null) {
    throw new Error('Workbench services are not set up yet; call startWorkbench() first.');
  }
  return services;
}

/** Message of any thrown value, for the status bar. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
