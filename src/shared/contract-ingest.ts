/**
 * Contract channels of file import and live incident polling (declared here, spread into ../contract.ts).
 */
export const ingestChannels = {} as const;
