// Entry of the allocation page's bundle (dist/allocation.js): the .heapprofile editor.
import type { AllocationHostMessage, AllocationRequest } from '../../../src/protocol/allocation/messages';
import { mountPage } from '../shared/mountPage';
import { AllocationPage } from './allocationPage';

mountPage<AllocationHostMessage, AllocationRequest>((page) => new AllocationPage(page).handlers);
