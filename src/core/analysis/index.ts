/** Root-cause analysis: the deterministic engine, stored analyses and hypothesis decisions. */
export { analyze, ENGINE_VERSION, type AnalyzeOptions } from './analyze';
export { saveAnalysis, latestAnalysis, decideHypothesis, type Decision } from './persist';
export { XID_CATALOGUE, xidInfo, type XidInfo } from './xid';
export { RUNBOOKS, type RunbookId } from './candidate';
