/** The channels area's strings, English and German (en.ts and de.ts hold them under "channels"). */
export const channelsEn = {} as const;

export const channelsDe = {} as const;
