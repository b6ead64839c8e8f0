/** The worker's request/response shapes: method names map to ProfileAnalysis methods. */
import type { ProfileAnalysis } from './profileAnalysis';

export type AnalysisMethod = 'overview' | 'flame' | 'treeChildren' | 'functions' | 'relations' | 'fileHeat';

export type AnalysisRequest =
  | { readonly id: number; readonly kind: 'open'; readonly file: string }
  | { readonly id: number; readonly kind: 'close'; readonly handle: number }
  | { readonly id: number; readonly kind: 'call'; readonly handle: number; readonly method: AnalysisMethod; readonly args: unknown[] };

export type AnalysisResponse =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string; readonly kind: string };

export type AnalysisResult<M extends AnalysisMethod> = ReturnType<ProfileAnalysis[M]>;
export type AnalysisArgs<M extends AnalysisMethod> = Parameters<ProfileAnalysis[M]>;
