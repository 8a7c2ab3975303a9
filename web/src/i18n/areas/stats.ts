/** The stats area's strings, English and German (en.ts and de.ts hold them under "stats"). */
export const statsEn = {} as const;

export const statsDe = {} as const;
