/**
 * The help centre's only stylesheet, inlined in every page (no request, no external asset): a readable
 * column with the system font, comfortable on a phone, with a dark scheme when the reader prefers one.
 */
export const SITE_CSS = `
:root{color-scheme:light dark;--fg:#1d2430;--muted:#5b6574;--bg:#fff;--soft:#f4f6f9;--line:#dfe3ea;--accent:#1f5fbf;--mark:#fff1a8}
@media (prefers-color-scheme:dark){:root{--fg:#e7ebf1;--muted:#a3adbb;--bg:#14181f;--soft:#1c222b;--line:#2c3440;--accent:#7fb0ff;--mark:#5c4d00}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--soft);border-bottom:1px solid var(--line);padding:.75rem 0}
header.site .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.brand{font-weight:700;color:var(--fg);text-decoration:none;font-size:1.1rem;display:inline-flex;align-items:center;gap:.5rem}
.brand .logo{height:2rem;width:auto;max-width:10rem;object-fit:contain}
.langs{display:flex;gap:.75rem;font-size:.9rem;margin:0;padding:0;list-style:none}
.langs [aria-current]{font-weight:700;color:var(--fg);text-decoration:none}
form.search{display:flex;gap:.5rem;margin:1.25rem 0}
form.search input{flex:1;min-width:0;font:inherit;padding:.6rem .75rem;border:1px solid var(--line);border-radius:.5rem;background:var(--bg);color:var(--fg)}
button,.button{font:inherit;padding:.55rem 1rem;border:1px solid var(--accent);border-radius:.5rem;background:var(--accent);color:var(--bg);cursor:pointer}
button.plain{background:transparent;color:var(--accent)}
main{padding-bottom:3rem}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 .5rem}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
h3{font-size:1.05rem;margin:1.5rem 0 .25rem}
.muted,.crumbs,.meta{color:var(--muted);font-size:.92rem}
.crumbs{margin:1rem 0 0}
.crumbs a{color:var(--muted)}
ul.list{list-style:none;padding:0;margin:0}
ul.list li{padding:.7rem 0;border-bottom:1px solid var(--line)}
ul.list li p{margin:.15rem 0 0;color:var(--muted);font-size:.95rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.75rem;padding:0;list-style:none}
.cards li{border:1px solid var(--line);border-radius:.6rem;padding:.8rem 1rem;background:var(--soft)}
.cards a{font-weight:600}
.cards p{margin:.25rem 0 0;color:var(--muted);font-size:.92rem}
article.body{overflow-wrap:break-word}
article.body img{max-width:100%;height:auto}
article.body pre{overflow-x:auto;background:var(--soft);padding:.75rem;border-radius:.4rem}
article.body code{background:var(--soft);padding:.1em .3em;border-radius:.25rem;font-size:.92em}
article.body table{border-collapse:collapse;display:block;overflow-x:auto;margin:1rem 0}
article.body th,article.body td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left}
article.body blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line);color:var(--muted)}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:.15em}
.notice{background:var(--soft);border-left:4px solid var(--accent);padding:.6rem .9rem;border-radius:.3rem}
.feedback{margin-top:2.5rem;padding:1rem;border:1px solid var(--line);border-radius:.6rem}
.feedback form{display:flex;gap:.5rem;flex-wrap:wrap;align-items:center;margin:0}
.feedback p{margin:0 .5rem 0 0;font-weight:600}
footer.site{border-top:1px solid var(--line);padding:1.5rem 0;color:var(--muted);font-size:.9rem}
@media (min-width:40rem){h1{font-size:2rem}}
`
  .trim()
  .replace(/\n/g, '');
