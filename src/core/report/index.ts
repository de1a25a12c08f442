/** The report across incidents: engine precision, repeat incidents, time to context and MTTR. */
export { incidentReport, type ReportOptions } from './report';
export { periodOf, periodsBetween, autoGranularity, type Granularity } from './periods';
