/**
 * Hover on a hot line: its time, and for the function around it the same figures as its CodeLens
 * and bottom-up row, its hottest line, and the top callers and callees, each a link that opens it
 * (through the `flamelens.openLocation` command, the only one the hover's markdown may run).
 */
import * as vscode from 'vscode';
import { formatDuration, formatPercent } from '../../format';
import { Commands } from '../contributions';
import type { RelationDto } from '../../protocol/profile/views';
import type { ProfileLibrary } from '../profile/profileLibrary';
import { codeSpan, functionFigures, hottestLineOf, lineFigure, markdownText } from './hotFigures';

export class HotLineHover implements vscode.HoverProvider {
  constructor(
    private readonly library: ProfileLibrary,
    private readonly enabled: () => boolean,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.enabled()) return undefined;
    const heat = this.library.heatOf(document.uri.fsPath);
    const lineNumber = position.line + 1;
    const line = heat?.lines.find((l) => l.line === lineNumber);
    // The function this line is in: the nearest hot function starting at or above it.
    const fn = heat?.functions.filter((f) => f.location!.line <= lineNumber).sort((a, b) => b.location!.line - a.location!.line)[0];
    if (!line && fn?.location?.line !== lineNumber) return undefined;
    const markdown = new vscode.MarkdownString(undefined, true);
    markdown.isTrusted = { enabledCommands: [Commands.openLocation] };
    if (line) markdown.appendMarkdown(`**FlameLens** · this line: ${formatDuration(line.selfMs)} self (${formatPercent(line.selfPct)})\n\n`);
    const profile = this.library.latest;
    if (fn && profile && heat) {
      const hottest = hottestLineOf(heat, fn);
      const hottestText = hottest && hottest.line !== lineNumber ? ` · hottest ${lineFigure(hottest)}` : '';
      markdown.appendMarkdown(`${codeSpan(fn.name)}: ${functionFigures(fn)}${hottestText}\n\n`);
      const relations = await profile.call('relations', null, fn.key);
      markdown.appendMarkdown(section('Called by', relations.callers) + section('Calls', relations.callees));
    }
    return new vscode.Hover(markdown);
  }
}

function section(title: string, relations: readonly RelationDto[]): string {
  if (relations.length === 0) return '';
  const items = relations.slice(0, 5).map((r) => {
    const label = `${markdownText(r.name)} — ${formatDuration(r.ms)} (${formatPercent(r.pct)})`;
    if (!r.location) return `- ${label}`;
    const args = encodeURIComponent(JSON.stringify([r.location.file, r.location.line]));
    return `- [${label}](command:${Commands.openLocation}?${args} "${markdownText(r.location.file)}:${r.location.line}")`;
  });
  return `**${title}**\n\n${items.join('\n')}\n\n`;
}
