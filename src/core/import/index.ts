export { importFile, type ImportOptions, type ImportTarget } from './import-file';
export { formatImportError, type ImportError, type ImportReport } from './report';
export { DEFAULT_LIMITS, type ImportLimits } from './limits';
export { checkJsonDepth } from './depth';
