/** The analysis worker's API: profiles opened by handle, questions named after ProfileAnalysis methods. */
import type { FileWorkerApi } from './workerProtocol';

export type AnalysisMethod = 'overview' | 'flame' | 'treeChildren' | 'functions' | 'relations' | 'fileHeat';

export type AnalysisWorkerApi = FileWorkerApi<AnalysisMethod>;
