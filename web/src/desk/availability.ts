/** The agent's availability for automatic assignment (the API's values). */
export const AVAILABILITY = ['available', 'away', 'offline'] as const;
export type AvailabilityValue = (typeof AVAILABILITY)[number];
