// Entry of the heap comparison page's bundle (dist/heapComparison.js): Compare Heap Snapshots and Find Memory Leak.
import type { HeapComparisonHostMessage, HeapComparisonRequest } from '../../../src/protocol/heap/messages';
import { mountPage } from '../shared/mountPage';
import { ComparisonPage } from './comparisonPage';

mountPage<HeapComparisonHostMessage, HeapComparisonRequest>((page) => new ComparisonPage(page).handlers);
