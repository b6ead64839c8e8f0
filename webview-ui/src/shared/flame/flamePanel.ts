/**
 * A flamegraph with its toolbar, wired together: what the profile page and the allocation page
 * share. The search also filters the page's table; a frame's source opens on an explicit action
 * (double-click, Enter, the selection line's link), never on a single click.
 */
import type { FlameFrameDto, SourceLocationDto } from '../../../../src/protocol/shared/views';
import { FlameToolbar } from './flameToolbar';
import { FlameView } from './flameView';

export interface FlamePanelOptions {
  /** The search box's accessible name. */
  readonly searchLabel: string;
  /** How a frame's value reads: ms for CPU profiles, bytes for allocation profiles. */
  readonly formatValue: (value: number) => string;
  /** What a search matched, in the page's words ("12 ms · 4 % of the time"). */
  describeMatch(matched: number, total: number): string;
  /** The search text changed: the page filters its table with it too. */
  searched(text: string): void;
  open(location: SourceLocationDto): void;
  /** A frame with children too narrow to send was zoomed into: ask the host for its subtree. */
  needSubtree(frame: FlameFrameDto): void;
}

export class FlamePanel {
  readonly toolbar: FlameToolbar;
  readonly flame: FlameView;

  constructor(private readonly options: FlamePanelOptions) {
    this.toolbar = new FlameToolbar(options.searchLabel, {
      search: (text) => this.search(text),
      invert: (inverted) => this.flame.setInverted(inverted),
      resetZoom: () => this.flame.resetZoom(),
    });
    this.flame = new FlameView(
      {
        onOpen: (frame) => {
          if (frame.location) options.open(frame.location);
        },
        onNeedSubtree: (frame) => options.needSubtree(frame),
      },
      (matched, total) => this.toolbar.showMatch(options.describeMatch(matched, total)),
      options.formatValue,
    );
  }

  /** The host asked for a search (e.g. from a CodeLens): it shows in the box as if typed. */
  setSearch(text: string): void {
    this.toolbar.setSearch(text);
    this.search(text);
  }

  private search(text: string): void {
    this.flame.search(text);
    this.options.searched(text);
  }
}
