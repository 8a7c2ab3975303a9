/** The search area's strings, English and German (en.ts and de.ts hold them under "search"). */
export const searchEn = {} as const;

export const searchDe = {} as const;
