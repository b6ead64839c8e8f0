/**
 * Resolves an allocation profile's call frames to their original source once and writes them
 * into a new profile (the input is not touched): `$vscode` locations with nodes pointing at
 * them by `locationId`, exactly as for CPU profiles — through the same source-map resolver and
 * the same per-frame lookup (sources/annotateProfile.ts), with the live target's scripts at
 * capture time or the files on disk for profiles opened later.
 */
import type { CallFrame, SourceLocation } from '../cpu/savedProfile';
import { sourceLocationsOf } from '../../sources/annotateProfile';
import { localFile } from '../../sources/localFile';
import type { ScriptSourceReader } from '../../sources/scriptSources';
import { SourceMapResolver, type ScriptSourceMap } from '../../sources/sourceMaps';
import type { HeapProfileNode, SavedHeapProfile } from './savedHeapProfile';

type VsCodeLocation = { callFrame: CallFrame; locations: SourceLocation[] };

/** Returns the profile with `$vscode` locations (kept when already there). */
export async function annotateHeapProfile(
  profile: SavedHeapProfile,
  reader: ScriptSourceReader,
  options: { readonly rootPath?: string } = {},
): Promise<SavedHeapProfile> {
  if (profile.$vscode) return profile;
  const scriptInfo = sourceMapsOf(reader);
  const locations: VsCodeLocation[] = [];
  const indexByKey = new Map<string, number>();
  const locationIdOf = async (frame: CallFrame): Promise<number> => {
    // A script id names one script (and so its URL) within a profile: the short key is enough.
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
  const { order, childSlots } = depthFirst(profile.head);
  const locationIds: number[] = [];
  for (const node of order) locationIds.push(await locationIdOf(node.callFrame));
  const head = rebuild(order, childSlots, locationIds);
  return { ...profile, head, $vscode: { rootPath: options.rootPath, locations } };
}

/**
 * Each script's source map, looked up once per URL. Only the map is needed here (no function
 * ranges: V8 records no allocating lines to attribute).
 */
function sourceMapsOf(reader: ScriptSourceReader): (frame: CallFrame) => Promise<{ map?: ScriptSourceMap }> {
  const resolver = new SourceMapResolver({ readFile: reader.readFile });
  const maps = new Map<string, Promise<{ map?: ScriptSourceMap }>>();
  return (frame) => {
    let info = maps.get(frame.url);
    if (!info) {
      info = localFile(frame.url)
        ? reader.script(frame.url, String(frame.scriptId)).then(async (source) => ({
            map: await resolver.mapFor(frame.url, source?.sourceMapURL, source?.text),
          }))
        : Promise.resolve({});
      maps.set(frame.url, info);
    }
    return info;
  };
}

/**
 * The nodes in depth-first order (a parent before its children) with each one's child slots;
 * with an explicit stack: a recursive program's allocation stacks can be thousands of frames deep.
 */
function depthFirst(head: HeapProfileNode): { order: HeapProfileNode[]; childSlots: number[][] } {
  const order: HeapProfileNode[] = [];
  const childSlots: number[][] = [];
  const pending: Array<{ node: HeapProfileNode; parentSlot: number }> = [{ node: head, parentSlot: -1 }];
  while (pending.length > 0) {
    const { node, parentSlot } = pending.pop()!;
    const slot = order.length;
    order.push(node);
    childSlots.push([]);
    if (parentSlot >= 0) childSlots[parentSlot].push(slot);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i], parentSlot: slot });
  }
  return { order, childSlots };
}

/** New nodes with their location ids (the input is not touched); returns the new head. */
function rebuild(order: readonly HeapProfileNode[], childSlots: readonly number[][], locationIds: readonly number[]): HeapProfileNode {
  // Children come after their parent in `order`: build from the end so each child exists first.
  const rebuilt: HeapProfileNode[] = new Array(order.length);
  for (let slot = order.length - 1; slot >= 0; slot--) {
    const node = order[slot];
    const children = childSlots[slot].map((child) => rebuilt[child]);
    rebuilt[slot] = { callFrame: node.callFrame, selfSize: node.selfSize, id: node.id, children, locationId: locationIds[slot] };
  }
  return rebuilt[0];
}
