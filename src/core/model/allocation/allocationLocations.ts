/**
 * Resolves an allocation profile's call frames to their original source once and writes them
 * into a new profile (the input is not touched): `$vscode` locations with nodes pointing at
 * them by `locationId`, exactly as for CPU profiles — through the same source-map resolver and
 * the same per-frame lookup (sources/annotateProfile.ts), with the live target's scripts at
 * capture time or the files on disk for profiles opened later.
 */
import type { CallFrame, SourceLocation } from '../cpu/savedProfile';
import { sourceLocationsOf } from '../../sources/annotateProfile';
import { scriptPath, type ScriptSourceReader } from '../../sources/scriptSources';
import { SourceMapResolver, type ScriptSourceMap } from '../../sources/sourceMaps';
import type { HeapProfileNode, SavedHeapProfile } from './savedHeapProfile';

/** Returns the profile with `$vscode` locations (kept when already there). */
export async function annotateHeapProfile(
  profile: SavedHeapProfile,
  reader: ScriptSourceReader,
  options: { readonly rootPath?: string } = {},
): Promise<SavedHeapProfile> {
  if (profile.$vscode) return profile;
  const resolver = new SourceMapResolver({ readFile: reader.readFile });
  const maps = new Map<string, Promise<{ map?: ScriptSourceMap }>>();
  // Only the map is needed here (no function ranges: V8 records no allocating lines to attribute).
  const scriptInfo = (frame: CallFrame) => {
    let info = maps.get(frame.url);
    if (!info) {
      info = scriptPath(frame.url)
        ? reader.script(frame.url, String(frame.scriptId)).then(async (source) => ({
            map: await resolver.mapFor(frame.url, source?.sourceMapURL, source?.text),
          }))
        : Promise.resolve({});
      maps.set(frame.url, info);
    }
    return info;
  };

  const locations: Array<{ callFrame: CallFrame; locations: SourceLocation[] }> = [];
  const indexByKey = new Map<string, number>();
  const locationIdOf = async (frame: CallFrame): Promise<number> => {
    const key = `${frame.scriptId}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    let id = indexByKey.get(key);
    if (id === undefined) {
      id = locations.length;
      indexByKey.set(key, id);
      locations.push({ callFrame: frame, locations: [] }); // the slot is taken before the lookup awaits
      locations[id] = { callFrame: frame, locations: await sourceLocationsOf(frame, scriptInfo, options.rootPath) };
    }
    return id;
  };
  // With an explicit stack: a recursive program's allocation stacks can be thousands of frames deep.
  const order: HeapProfileNode[] = [];
  const childSlots: number[][] = [];
  const pending: Array<{ node: HeapProfileNode; parentSlot: number }> = [{ node: profile.head, parentSlot: -1 }];
  while (pending.length > 0) {
    const { node, parentSlot } = pending.pop()!;
    const slot = order.length;
    order.push(node);
    childSlots.push([]);
    if (parentSlot >= 0) childSlots[parentSlot].push(slot);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i], parentSlot: slot });
  }
  const locationIds: number[] = [];
  for (const node of order) locationIds.push(await locationIdOf(node.callFrame));
  // Children come after their parent in `order`: build from the end so each child exists first.
  const rebuilt: HeapProfileNode[] = new Array(order.length);
  for (let slot = order.length - 1; slot >= 0; slot--) {
    const node = order[slot];
    const children = childSlots[slot].map((child) => rebuilt[child]);
    rebuilt[slot] = { callFrame: node.callFrame, selfSize: node.selfSize, id: node.id, children, locationId: locationIds[slot] };
  }
  const head = rebuilt[0];
  return { ...profile, head, $vscode: { rootPath: options.rootPath, locations } };
}
