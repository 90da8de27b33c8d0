/**
 * The host API: everything the renderer needs from outside the page. Two transports implement
 * it over one Node implementation: Electron IPC (desktop) and HTTP on 127.0.0.1 (browser mode).
 */
import type { BundleManifest } from '../core/model/types.ts';

export interface ModelSummary {
  id: string;
  /** The parsed manifest, or null when it is invalid (then `error` gives the reason). */
  manifest: BundleManifest | null;
  /** sha256 of manifest.json, lowercase hex. */
  bundleHash: string;
  /** Reason the bundle cannot load, such as an invalid manifest.json; absent when valid. */
  error?: string;
}

export interface NotebookFileInfo {
  path: string;
  name: string;
  modifiedMs: number;
}

export interface HostInfo {
  /** 'electron' or 'browser', so the UI can show which mode it runs in. */
  mode: 'electron' | 'browser';
  version: string;
  defaultModelId: string;
  /** Notebook opened at start, such as the shipped example, or null. */
  startNotebookPath: string | null;
  /** Absolute path of the user's workspace folder, where new notebooks are saved. */
  workspaceDir: string;
}

export interface HostApi {
  info(): Promise<HostInfo>;
  listModels(): Promise<ModelSummary[]>;
  /** Reads one file of a model bundle as bytes (manifest.json, model.json, weights, vocabulary). */
  readModelFile(modelId: string, fileName: string): Promise<Uint8Array>;
  listNotebooks(): Promise<NotebookFileInfo[]>;
  /** Notebooks opened or saved most recently, newest first; missing files are left out. */
  listRecentNotebooks(): Promise<NotebookFileInfo[]>;
  /** Reads a notebook file as text; validation happens in the renderer with the core schema. */
  readNotebook(path: string): Promise<string>;
  /** Writes a notebook atomically (temporary file, then rename) and returns its final path. */
  writeNotebook(path: string, text: string): Promise<NotebookFileInfo>;
  /** Stores the autosave recovery text (JSON) atomically, replacing the previous one. */
  writeRecovery(text: string): Promise<void>;
  /** Returns the autosave recovery text, or null when there is none. */
  readRecovery(): Promise<string | null>;
  /** Removes the autosave recovery text, after a save or when the user discards it. */
  discardRecovery(): Promise<void>;
}

/** Error returned by a host call, with a message fit for the status bar. */
export class HostError extends Error {
  override readonly name = 'HostError';
  constructor(
    message: string,
    readonly code: 'not-found' | 'invalid' | 'io' | 'forbidden',
  ) {
    super(message);
  }
}
