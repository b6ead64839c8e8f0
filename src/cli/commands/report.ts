/** `flamelens report <file.cpuprofile>`: summarise a saved profile, write HTML/JSON. */
import * as path from 'node:path';
import { badInput } from '../../core/errors';
import { readCpuProfileFile } from '../../core/model/cpu/profileFile';
import { annotateProfile } from '../../core/sources/annotateProfile';
import { diskScriptSources } from '../../core/sources/scriptSources';
import { commonFlags, outputFlags, outputOptions, parseFlags } from '../options';
import { writeOutputs, type Console } from '../outputs';

export const reportUsage = `flamelens report <file.cpuprofile> [--html <report.html>] [--json <summary.json>] [--top <n>]

Reads a CPU profile (FlameLens, node --cpu-prof, Chrome DevTools or VS Code) and prints its hottest
functions and lines; locations are mapped to the original sources through source maps on disk.`;

export async function report(args: string[], console: Console): Promise<void> {
  const { values, positionals } = parseFlags('report', args, { ...outputFlags, ...commonFlags });
  if (values.help) return console.out(reportUsage);
  if (positionals.length !== 1) throw badInput('Name one profile file. Example: flamelens report app.cpuprofile --html report.html');
  const file = positionals[0];
  const profile = await annotateProfile(await readCpuProfileFile(file), diskScriptSources(), { onNote: (note) => console.info(note) });
  const outputs = outputOptions({ ...values, out: undefined });
  await writeOutputs(profile, { ...outputs, title: path.basename(file), recordedAt: new Date() }, console);
}
