/**
 * FlameLens's settings' defaults and limits, named once. The extension reads its settings with
 * them and the engine records with them; package.json's `contributes.configuration` must repeat
 * them as literals (VS Code reads the manifest, not code), and a unit test checks that it does.
 * Keys are the setting names without the `flamelens.` prefix.
 */
export const settingDefaults = {
  /** Empty: `.flamelens/` in the workspace, or the temp folder without one. */
  outputDirectory: '',
  /** CPU sampling interval in µs; 1000 is `node --cpu-prof`'s. */
  samplingInterval: 1000,
  /** Seconds to record when none is chosen; 0 records until stopped. */
  defaultDuration: 0,
  'annotations.enabled': true,
  /** Lines and functions below this share of self time (%) are not annotated. */
  'annotations.threshold': 0.5,
  /** ms between samples of the memory timeline. */
  'memory.sampleInterval': 500,
  /** Average bytes between samples of the allocation profile; 32 KiB is V8's and `node --heap-prof`'s. */
  'allocations.samplingInterval': 32 * 1024,
} as const;

export type SettingName = keyof typeof settingDefaults;

/** The range the manifest allows for each numeric setting (`minimum`/`maximum`). */
export const settingLimits = {
  samplingInterval: { minimum: 50, maximum: 100_000 },
  defaultDuration: { minimum: 0 },
  'annotations.threshold': { minimum: 0, maximum: 100 },
  'memory.sampleInterval': { minimum: 50, maximum: 60_000 },
  'allocations.samplingInterval': { minimum: 512, maximum: 16 * 1024 * 1024 },
} as const satisfies Partial<Record<SettingName, { minimum: number; maximum?: number }>>;
