/** Reading an Accept-Language header: the help centre's language and the login-link page's use it. */

/** A language tag as headers carry it: en, de-AT, pt-BR, zh-Hant. */
const TAG = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/** The languages of an Accept-Language header, most wanted first ("*" and q=0 left out). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => TAG.test(l.tag) && Number.isFinite(l.q) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

/** The available language that serves `wanted`: itself, its base language, or a regional variant. */
export function matchLanguage(wanted: string, available: readonly string[]): string | null {
  if (available.includes(wanted)) return wanted;
  const base = wanted.split('-')[0] ?? wanted;
  if (available.includes(base)) return base;
  return available.find((l) => l.split('-')[0] === base) ?? null;
}
