/** The incident → eval case loop: relevant LLM calls as JSON Lines eval cases. */
export { exportEvalCases, parseJsonl, toJsonl, evalFileName, type ExportOptions, type ExportResult } from './export';
export { incidentAnalysis, topHypotheses, type IncidentAnalysis } from './analysis';
