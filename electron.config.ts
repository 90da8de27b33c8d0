/**
 * Desktop packaging (electron-builder) and window defaults. electron-builder is not a
 * dependency, so its configuration is typed here with the options that PerfLens sets. The field
 * names follow electron-builder's Configuration type.
 */

/** The electron-builder options PerfLens uses. */
export interface ElectronBuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources?: string };
  /** Globs of files packed into the app, relative to the project folder. */
  files: string[];
  /** Folders copied beside the app, readable at run time (model bundles, examples). */
  extraResources?: Array<{ from: string; to: string }>;
  asar?: boolean;
  linux?: { target: string[]; category: string };
  mac?: { target: string[]; category: string };
  win?: { target: string[] };
}

/** BrowserWindow options applied to every PerfLens window. */
export interface WindowDefaults {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  backgroundColor: string;
  title: string;
}

export const windowDefaults: WindowDefaults = {
  width: 1280,
  height: 800,
  minWidth: 900,
  minHeight: 600,
  backgroundColor: '#1e1e1e',
  title: 'PerfLens',
};

// NOTE: electron-builder cannot run on the machines this was written on (its Electron
// download fails), so this configuration has not been packaged yet. Whether a given
// electron-builder version loads a .ts file through --config is unverified; if it does not,
// pass the object as JSON.
const builderConfig: ElectronBuilderConfig = {
  appId: 'org.perflens.workbench',
  productName: 'PerfLens',
  directories: { output: 'release', buildResources: 'build' },
  files: ['package.json', 'dist-electron/**', 'dist/renderer/**', 'models/**', 'notebooks/**'],
  // The host reads models/ and notebooks/ from the app path, so they must not be inside asar.
  asar: false,
  linux: { target: ['AppImage', 'deb'], category: 'Development' },
  mac: { target: ['dmg'], category: 'public.app-category.developer-tools' },
  win: { target: ['nsis'] },
};

export default builderConfig;
