/**
 * Contract channels of the Connections feature (declared here, spread into ../contract.ts).
 */
export const connectionChannels = {} as const;
