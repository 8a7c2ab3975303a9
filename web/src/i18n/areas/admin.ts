/** The admin area's strings, English and German (en.ts and de.ts hold them under "admin"). */
export const adminEn = {} as const;

export const adminDe = {} as const;
