/**
 * The messages between the extension host and the profile webview: discriminated unions with
 * scoped names, one exhaustive switch on each side. The host queues posts until `webview/ready`.
 */
import type {
  FlameFrameDto,
  FunctionRelationsDto,
  FunctionRowDto,
  ProfileOverviewDto,
  TimeRangeDto,
  TreeRowDto,
} from './profileViews';

export type HostMessage =
  | { readonly type: 'profile/loaded'; readonly overview: ProfileOverviewDto }
  | { readonly type: 'profile/failed'; readonly message: string }
  | {
      readonly type: 'views/data';
      readonly range: TimeRangeDto | null;
      readonly flame: FlameFrameDto;
      readonly roots: readonly TreeRowDto[];
      readonly functions: readonly FunctionRowDto[];
    }
  | { readonly type: 'flame/subtree'; readonly frame: FlameFrameDto }
  | { readonly type: 'tree/children'; readonly parentId: number; readonly rows: readonly TreeRowDto[] }
  | { readonly type: 'function/relations'; readonly relations: FunctionRelationsDto }
  | { readonly type: 'view/search'; readonly query: string };

export type WebviewMessage =
  | { readonly type: 'webview/ready' }
  | { readonly type: 'editor/openLocation'; readonly file: string; readonly line: number }
  | { readonly type: 'range/select'; readonly range: TimeRangeDto | null }
  | { readonly type: 'flame/expand'; readonly nodeId: number }
  | { readonly type: 'tree/expand'; readonly nodeId: number }
  | { readonly type: 'function/expand'; readonly key: string };

/** Checks a message from the webview before the host acts on it (the webview is not trusted). */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  const isCount = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  switch (m.type) {
    case 'webview/ready':
      return { type: 'webview/ready' };
    case 'editor/openLocation':
      return typeof m.file === 'string' && m.file.length < 4096 && isCount(m.line) ? { type: m.type, file: m.file, line: m.line as number } : undefined;
    case 'range/select': {
      if (m.range === null) return { type: m.type, range: null };
      const r = m.range as Record<string, unknown> | undefined;
      return r && isTime(r.startMs) && isTime(r.endMs) && (r.endMs as number) > (r.startMs as number)
        ? { type: m.type, range: { startMs: r.startMs as number, endMs: r.endMs as number } }
        : undefined;
    }
    case 'flame/expand':
    case 'tree/expand':
      return isCount(m.nodeId) ? { type: m.type, nodeId: m.nodeId as number } : undefined;
    case 'function/expand':
      return typeof m.key === 'string' && m.key.length < 4096 ? { type: m.type, key: m.key } : undefined;
    default:
      return undefined;
  }
}
