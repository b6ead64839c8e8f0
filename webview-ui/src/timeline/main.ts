// Entry of the timeline page's bundle (dist/timeline.js): a saved .memory.json, or live beside a recording.
import type { TimelineHostMessage, TimelineRequest } from '../../../src/protocol/timeline/messages';
import { mountPage } from '../shared/mountPage';
import { TimelinePage } from './timelinePage';

mountPage<TimelineHostMessage, TimelineRequest>((page) => new TimelinePage(page).handlers);
