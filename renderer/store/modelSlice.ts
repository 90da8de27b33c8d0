/** Store slice for the host's model list, the active model, and the worker's tfjs backend. */
import type { StateCreator } from 'zustand';

import type { ModelSummary } from '../../src/host/api.ts';
import type { BackendFailure, BackendName } from '../workers/protocol.ts';
import type { WorkbenchState } from './store.ts';

export type ModelStatus = 'none' | 'loading' | 'ready' | 'error';
export type WorkerStatus = 'starting' | 'ready' | 'error';

export interface ModelSlice {
  hostMode: 'browser' | 'electron' | null;
  /** Folder where new notebooks are saved by default, when the host names one. */
  workspaceDir: string | null;
  models: ModelSummary[];
  activeModelId: string | null;
  /** sha256 of the active bundle's manifest, as the worker computed it after verification. */
  activeBundleHash: string | null;
  modelStatus: ModelStatus;
  modelError: string | null;
  workerStatus: WorkerStatus;
  backend: BackendName | null;
  /** Backends the worker tried before the active one, with the reason each failed. */
  backendFailures: BackendFailure[];
  /** Reason the automatic order put the active backend first, or null for the usual order. */
  backendReason: string | null;
  /** Backend the user asked for, or null for the automatic order (backendOrder.ts). */
  backendPreference: BackendName | null;
  tfjsVersion: string | null;
  setHostInfo: (mode: 'browser' | 'electron', workspaceDir: string | null) => void;
  setModels: (models: ModelSummary[]) => void;
  setModelLoading: (modelId: string) => void;
  setModelReady: (modelId: string, bundleHash: string) => void;
  setModelError: (modelId: string, message: string) => void;
  setWorkerStarting: (preference: BackendName | null) => void;
  setWorkerReady: (
    backend: BackendName,
    failures: BackendFailure[],
    tfjsVersion: string,
    reason?: string | null,
  ) => void;
  setWorkerError: (failures: BackendFailure[]) => void;
}

export const createModelSlice: StateCreator<WorkbenchState, [], [], ModelSlice> = (set) => ({
  hostMode: null,
  workspaceDir: null,
  models: [],
  activeModelId: null,
  activeBundleHash: null,
  modelStatus: 'none',
  modelError: null,
  workerStatus: 'starting',
  backend: null,
  backendFailures: [],
  backendReason: null,
  backendPreference: null,
  tfjsVersion: null,

  setHostInfo: (mode, workspaceDir) => {
    set({ hostMode: mode, workspaceDir });
  },

  setModels: (models) => {
    set({ models });
  },

  setModelLoading: (modelId) => {
    set({ activeModelId: modelId, modelStatus: 'loading', modelError: null });
  },

  setModelReady: (modelId, bundleHash) => {
    set({
      activeModelId: modelId,
      activeBundleHash: bundleHash,
      modelStatus: 'ready',
      modelError: null,
    });
  },

  setModelError: (modelId, message) => {
    set({
      activeModelId: modelId,
      activeBundleHash: null,
      modelStatus: 'error',
      modelError: message,
    });
  },

  setWorkerStarting: (preference) => {
    set({
      workerStatus: 'starting',
      backendPreference: preference,
      backend: null,
      backendReason: null,
    });
  },

  setWorkerReady: (backend, failures, tfjsVersion, reason = null) => {
    set({
      workerStatus: 'ready',
      backend,
      backendFailures: failures,
      backendReason: reason,
      tfjsVersion,
    });
  },

  setWorkerError: (failures) => {
    set({ workerStatus: 'error', backend: null, backendFailures: failures });
  },
});
