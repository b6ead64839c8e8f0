/** What every command ends with: the files asked for, and the summary on the terminal. */
import * as fs from 'node:fs/promises';
import { makeFolderOf, unwritable, writeTextFileAtomically } from '../core/files/jsonFile';
import { buildCpuModel } from '../core/model/cpu/cpuModel';
import { computeHotspots } from '../core/model/cpu/hotspots';
import { writeCpuProfileFile } from '../core/model/cpu/profileFile';
import type { SavedCpuProfile } from '../core/model/cpu/savedProfile';
import { buildFlameTree } from '../core/model/flame/flameTree';
import { renderHtmlReport } from '../core/report/htmlReport';
import { summarizeCpuModel } from '../core/report/jsonSummary';
import { formatTerminalSummary } from '../core/report/terminalSummary';
import { memorySummaries, writeMemoryOutputs, type MemoryOutputs } from './memoryOutputs';
import type { OutputOptions } from './options';

export interface Console {
  out(text: string): void;
  info(text: string): void;
}

/** Writes the requested outputs of a profile and prints its summary. */
export async function writeOutputs(
  profile: SavedCpuProfile,
  options: OutputOptions & MemoryOutputs & { title: string; recordedAt: Date },
  console: Console,
): Promise<void> {
  if (options.out) {
    await writeCpuProfileFile(options.out, profile);
    console.info(`Profile saved to ${options.out}`);
  }
  await writeMemoryOutputs(options, options.out, console);
  const model = buildCpuModel(profile);
  const hotspots = computeHotspots(model);
  const summary = { ...summarizeCpuModel(model, { top: options.top, hotspots }), ...memorySummaries(options, options.top) };
  if (options.json) {
    await writeText(options.json, JSON.stringify(summary, null, 2) + '\n');
    console.info(`Summary saved to ${options.json}`);
  }
  if (options.html) {
    const html = renderHtmlReport({ title: options.title, recordedAt: options.recordedAt.toISOString(), summary, flame: buildFlameTree(model, { hotspots }) });
    await writeText(options.html, html);
    console.info(`Report saved to ${options.html}`);
  }
  console.out(formatTerminalSummary(summary));
}

/** Every output is written atomically (see writeTextFileAtomically): never half a file under its name. */
async function writeText(file: string, text: string): Promise<void> {
  await writeTextFileAtomically(file, text);
}

/** Writes a JSON result file atomically (the folder is created). */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writeText(file, JSON.stringify(value, null, 2) + '\n');
}

/**
 * Checks before a recording that each output path can be written (creating its folder, then a
 * `.partial` probe that is removed), so a typo or a read-only folder is bad input at once rather
 * than after the program has been profiled. A full disk can still only show when writing.
 */
export async function assertOutputsWritable(files: ReadonlyArray<string | undefined>): Promise<void> {
  for (const file of files) {
    if (!file) continue;
    const probe = `${file}.${process.pid}.partial`;
    try {
      if ((await fs.stat(file).catch(() => undefined))?.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      await makeFolderOf(file);
      await (await fs.open(probe, 'w')).close();
    } catch (error) {
      throw unwritable(file, error);
    } finally {
      await fs.rm(probe, { force: true }).catch(() => undefined);
    }
  }
}
