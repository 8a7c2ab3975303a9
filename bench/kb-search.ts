/**
 * Knowledge-base search latency at scale on PostgreSQL: searchArticles as the help centre runs it (in a
 * workspace transaction under row-level security, ranking, typo correction, snippets) over generated
 * articles in four languages, next to the bare SQL — a plain `search_vector @@ websearch_to_tsquery(…)
 * LIMIT 10` on the same table — in the same run. The ratio is what ranking, correction and snippets cost.
 *
 *   npx tsx bench/kb-search.ts [--articles 100000] [--runs 100] [--database bfg2_kb_bench] [--keep]
 *
 * BENCH_DATABASE_URL, else DATABASE_URL, else TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) names the server; a fresh database (--database, default
 * bfg2_kb_bench) is created, migrated with src/db/migrate.ts and dropped at the end. --keep leaves it in
 * place, and a later --keep run reuses it (pending migrations applied, no new data) when it already holds
 * the bench's workspace with --articles articles. Target: searchArticles p95 < 30 ms.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { inWorkspace } from '../src/db/tenant.js';
import { searchArticles } from '../src/modules/kb/search-articles.js';
import { createWorkspace } from '../src/modules/workspaces/create-workspace.js';

const argv = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const ARTICLES = arg('articles', 100_000);
const RUNS = arg('runs', 100);
const KEEP = argv.includes('--keep');
const TARGET_P95_MS = 30;
const BASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const BENCH_DB = argv.includes('--database') ? argv[argv.indexOf('--database') + 1]! : 'bfg2_kb_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(BENCH_DB))
  throw new Error(`--database ${BENCH_DB}: lower-case letters, digits, _`);
const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * Per language: products, title patterns and body sentences of a web shop's help centre (%p is a
 * product). Products are picked with a skew, so some words are in many articles and others in few.
 */
const VOCABULARY = {
  en: {
    share: 0.4,
    products: `kettle toaster lamp blender headphones backpack jacket sneakers monitor keyboard mouse printer
      router speaker camera tripod drone charger cable adapter battery laptop tablet phone watch sofa chair
      table mattress pillow blanket curtain carpet vase mirror heater fan vacuum drill tent stove lantern
      helmet bicycle scooter skateboard goggles gloves scarf wallet suitcase thermos mug teapot grinder`,
    titles: [
      'How do I return my %p?',
      'My %p arrived damaged',
      'Setting up your new %p',
      'Warranty for the %p',
      'When will my %p be delivered?',
      'Cleaning and caring for your %p',
      'The %p does not switch on',
      'Spare parts for the %p',
      'Ordering a replacement %p',
      'Size guide: choosing the right %p',
    ],
    sentences: [
      'Most orders leave our warehouse on the same business day.',
      'You can return the %p within 30 days of delivery, free of charge.',
      'Refunds go back to the original payment method within five business days.',
      'If the %p arrived damaged, take photos of the box and contact us.',
      'Track your parcel with the link in the shipping confirmation.',
      'We were charged twice? The second charge is a reservation and disappears automatically.',
      'Keep the receipt: the warranty of the %p lasts two years.',
      'Express delivery costs 9.90 EUR and arrives the next business day.',
      'To change the delivery address, use the link in the tracking e-mail.',
      'The invoice is available in your account under Orders.',
      'Charge the battery of the %p fully before the first use.',
      'Please include your order number when you write to us.',
      'Vouchers and gift cards are entered in the last step of the checkout.',
      'Our support team answers within one business day.',
    ],
  },
  de: {
    share: 0.3,
    products: `Wasserkocher Toaster Lampe Mixer Kopfhörer Rucksack Jacke Turnschuhe Monitor Tastatur Maus
      Drucker Router Lautsprecher Kamera Stativ Ladegerät Kabel Adapter Akku Laptop Tablet Handy Uhr Sofa
      Stuhl Tisch Matratze Kissen Decke Vorhang Teppich Vase Spiegel Heizlüfter Ventilator Staubsauger
      Bohrmaschine Zelt Kocher Laterne Helm Fahrrad Roller Handschuhe Schal Geldbörse Koffer Tasse`,
    titles: [
      'Wie sende ich meinen %p zurück?',
      'Mein %p ist beschädigt angekommen',
      'Ihren neuen %p einrichten',
      'Garantie für den %p',
      'Wann wird mein %p geliefert?',
      'Reinigung und Pflege: %p',
      'Der %p lässt sich nicht einschalten',
      'Ersatzteile für den %p',
      'Einen Ersatz-%p bestellen',
    ],
    sentences: [
      'Die meisten Bestellungen verlassen unser Lager am selben Werktag.',
      'Sie können den %p innerhalb von 30 Tagen nach der Lieferung kostenlos zurücksenden.',
      'Die Rückerstattung erfolgt innerhalb von fünf Werktagen auf die ursprüngliche Zahlungsart.',
      'Ist der %p beschädigt angekommen, fotografieren Sie den Karton und schreiben Sie uns.',
      'Verfolgen Sie Ihre Sendung über den Link in der Versandbestätigung.',
      'Doppelt belastet? Die zweite Belastung ist eine Reservierung und verschwindet automatisch.',
      'Bewahren Sie den Beleg auf: Die Garantie für den %p beträgt zwei Jahre.',
      'Expressversand kostet 9,90 EUR und kommt am nächsten Werktag.',
      'Die Rechnung finden Sie in Ihrem Konto unter Bestellungen.',
      'Bitte nennen Sie Ihre Bestellnummer, wenn Sie uns schreiben.',
      'Gutscheine geben Sie im letzten Schritt der Bestellung ein.',
    ],
  },
  fr: {
    share: 0.15,
    products: `bouilloire grille-pain lampe mixeur casque sac veste baskets écran clavier souris imprimante
      routeur enceinte appareil chargeur câble adaptateur batterie ordinateur tablette téléphone montre
      canapé chaise table matelas oreiller couverture rideau tapis vase miroir radiateur ventilateur`,
    titles: [
      'Comment retourner mon %p ?',
      'Mon %p est arrivé endommagé',
      'Installer votre nouveau %p',
      'Garantie du %p',
      'Quand mon %p sera-t-il livré ?',
    ],
    sentences: [
      'La plupart des commandes quittent notre entrepôt le jour ouvré même.',
      'Vous pouvez retourner le %p dans les 30 jours suivant la livraison.',
      'Le remboursement est effectué sur le moyen de paiement initial sous cinq jours ouvrés.',
      'Si le %p est arrivé endommagé, prenez des photos du carton et contactez-nous.',
      'Suivez votre colis grâce au lien de la confirmation d’expédition.',
      'La facture est disponible dans votre compte.',
      'Notre service client répond sous un jour ouvré.',
    ],
  },
  es: {
    share: 0.15,
    products: `hervidor tostadora lámpara batidora auriculares mochila chaqueta zapatillas monitor teclado
      ratón impresora router altavoz cámara cargador cable adaptador batería portátil tableta teléfono reloj
      sofá silla mesa colchón almohada manta cortina alfombra jarrón espejo calefactor ventilador`,
    titles: [
      '¿Cómo devuelvo mi %p?',
      'Mi %p llegó dañado',
      'Configurar su nuevo %p',
      'Garantía del %p',
      '¿Cuándo llegará mi %p?',
    ],
    sentences: [
      'La mayoría de los pedidos salen de nuestro almacén el mismo día laborable.',
      'Puede devolver el %p en un plazo de 30 días desde la entrega.',
      'El reembolso se realiza al método de pago original en cinco días laborables.',
      'Si el %p llegó dañado, haga fotos de la caja y contáctenos.',
      'Siga su paquete con el enlace de la confirmación de envío.',
      'La factura está disponible en su cuenta.',
      'Nuestro equipo responde en un día laborable.',
    ],
  },
} as const;

type Language = keyof typeof VOCABULARY;

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (items: readonly string[]) => `(ARRAY[${items.map(literal).join(',')}]::text[])`;

/** The bench database: kept from an earlier --keep run when it holds the data, else created afresh. */
async function benchDatabase(): Promise<{ url: string; reused: boolean; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  const url = new URL(BASE_URL);
  url.pathname = `/${BENCH_DB}`;
  let reused = false;
  if (KEEP) {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DB]);
    if (exists.rowCount) {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      const n = await c
        .query<{ n: string }>(
          `SELECT count(*) AS n FROM knowledge_articles a JOIN workspaces w ON w.id = a.workspace_id
           WHERE w.slug = 'kb-bench'`,
        )
        .catch(() => null);
      await c.end();
      reused = Number(n?.rows[0]?.n ?? 0) === ARTICLES;
    }
  }
  if (!reused) {
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DB}`);
  }
  return {
    url: url.toString(),
    reused,
    drop: async () => {
      if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Categories (one inactive per language) and ARTICLES articles, generated server-side in batches. */
async function generate(pool: pg.Pool, workspaceId: number): Promise<void> {
  for (const language of Object.keys(VOCABULARY) as Language[]) {
    await pool.query(
      `INSERT INTO knowledge_categories (workspace_id, name, slug, language, "order", is_active)
       SELECT $1, 'Category ' || g, 'cat-' || g, $2, g, g <> 12 FROM generate_series(1, 12) g`,
      [workspaceId, language],
    );
  }
  const BATCH = 10_000;
  const started = performance.now();
  let done = 0;
  for (const [language, v] of Object.entries(VOCABULARY) as [Language, (typeof VOCABULARY)[Language]][]) {
    const count = Math.round(ARTICLES * v.share);
    const products = v.products.split(/\s+/).filter(Boolean);
    for (let from = 1; from <= count; from += BATCH) {
      const to = Math.min(count, from + BATCH - 1);
      // Each row draws its product (skewed towards the first ones), title and 5–12 sentences; the
      // sentence subquery refers to the row (g.n) so PostgreSQL draws it again for every article, and
      // its aggregate to k so that it is the subquery's aggregate, not the outer query's. Both steps
      // are materialised: a body joined back to its row was re-drawn per pair (quadratic). Article N
      // of every language is a translation of English article N, joined in one set-based step: a
      // per-row lookup (ours, or the insert trigger's when the group is left out) scans the table per
      // row while its statistics are stale, which made translated batches minutes long.
      await pool.query(
        `WITH cats AS (SELECT array_agg(id ORDER BY "order") a FROM knowledge_categories
                       WHERE workspace_id = $1 AND language = $2),
              g AS MATERIALIZED (SELECT n, random() r1, random() r2, random() r3,
                      ${sqlArray(products)}[1 + floor(power(random(), 2) * ${products.length})::int] AS product
                    FROM generate_series($3::int, $4::int) n),
              b AS MATERIALIZED (SELECT g.*, (SELECT string_agg(
                          replace(${sqlArray(v.sentences)}[1 + floor(random() * ${v.sentences.length})::int + 0 * k],
                            '%p', g.product), ' ')
                        FROM generate_series(1, 5 + (g.n % 8)) k WHERE g.n > 0)
                        || CASE WHEN g.n % 5000 = 0 THEN ' Zeppelin edition: collectors only.' ELSE '' END AS text
                      FROM g)
         INSERT INTO knowledge_articles (workspace_id, title, slug, content, content_text, excerpt, tags,
           category_id, status, language, published_at, view_count, created_at, updated_at,
           translation_group_id)
         SELECT $1,
           replace(${sqlArray(v.titles)}[1 + floor(g.r1 * ${v.titles.length})::int], '%p', g.product),
           'article-' || g.n, g.text, g.text, left(g.text, 120), lower(g.product) || ',help',
           cats.a[1 + floor(g.r2 * 12)::int],
           CASE WHEN g.r3 < 0.9 THEN 'published' WHEN g.r3 < 0.97 THEN 'draft' ELSE 'archived' END,
           $2, now() - interval '1 day' * floor(g.r2 * 700), floor(power(g.r1, 3) * 5000)::int,
           now() - interval '1 day' * 700, now() - interval '1 day' * floor(g.r3 * 700),
           coalesce(e.translation_group_id, nextval('kb_translation_group_seq'))
         FROM b AS g CROSS JOIN cats
         LEFT JOIN knowledge_articles e
           ON e.workspace_id = $1 AND e.language = 'en' AND e.slug = 'article-' || g.n`,
        [workspaceId, language, from, to],
      );
      done += to - from + 1;
      // Fresh statistics as the table grows, so the next batch's join plans for its real size.
      await pool.query('ANALYZE knowledge_articles');
      process.stderr.write(
        `\rarticles ${done}/${ARTICLES} ${((performance.now() - started) / 1000).toFixed(0)}s`,
      );
    }
  }
  process.stderr.write('\n');
  const t = performance.now();
  await pool.query('VACUUM ANALYZE');
  log(`vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)}s`);
}

interface Case {
  name: string;
  language: Language;
  query: string;
}

const CASES: Case[] = [
  { name: 'common word (order)', language: 'en', query: 'order' },
  { name: 'common words (refund payment)', language: 'en', query: 'refund payment' },
  { name: 'rare word (zeppelin)', language: 'en', query: 'zeppelin' },
  { name: 'phrase ("charged twice")', language: 'en', query: '"charged twice"' },
  { name: 'question (return headphones)', language: 'en', query: 'how do I return my headphones' },
  { name: 'typo (refnud)', language: 'en', query: 'refnud' },
  { name: 'typos (delivry adress)', language: 'en', query: 'delivry adress' },
  { name: 'prefix while typing (warra)', language: 'en', query: 'warra' },
  { name: 'no match (xylophone)', language: 'en', query: 'xylophone' },
  { name: 'de common (Bestellung)', language: 'de', query: 'Bestellung' },
  { name: 'de typo (Rückerstatung)', language: 'de', query: 'Rückerstatung' },
  { name: 'de question (Kopfhörer zurück)', language: 'de', query: 'Kopfhörer zurücksenden' },
  { name: 'fr (remboursement)', language: 'fr', query: 'remboursement' },
  { name: 'es (devolver auriculares)', language: 'es', query: 'devolver auriculares' },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    out.push(performance.now() - s);
  }
  return out;
}

async function main(): Promise<void> {
  const server = await benchDatabase();
  let db: Database | null = null;
  const pool = new pg.Pool({ connectionString: server.url, max: 2 });
  try {
    db = await openDatabase({ databaseUrl: server.url, dataDir: '', poolSize: 2 });
    await migrate(db.raw);
    let ws: { id: number };
    if (server.reused) {
      const { rows } = await pool.query<{ id: string }>(`SELECT id FROM workspaces WHERE slug = 'kb-bench'`);
      ws = { id: Number(rows[0]!.id) };
      await pool.query('ANALYZE');
      log(`reusing ${BENCH_DB} (${ARTICLES} articles)`);
    } else {
      ws = await createWorkspace(db, { slug: 'kb-bench', name: 'KB bench' });
      log(`generating ${ARTICLES} articles (en 40%, de 30%, fr 15%, es 15%; 90% published)`);
      const t0 = performance.now();
      await generate(pool, ws.id);
      log(`data ready in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    }

    const bare = await pool.connect();
    const rows: string[][] = [];
    const all: number[] = [];
    const allBare: number[] = [];
    for (const c of CASES) {
      let hits = 0;
      const code = await time(RUNS, async () => {
        const r = await inWorkspace(db!, ws.id, (tx) =>
          searchArticles(tx, {
            workspaceId: ws.id,
            query: c.query,
            language: c.language,
            limit: 10,
            recordMiss: false,
          }),
        );
        hits = r.hits.length;
      });
      const plain = await time(RUNS, () =>
        bare.query(
          `SELECT id FROM knowledge_articles
           WHERE workspace_id = $1 AND language = $2 AND status = 'published'
             AND search_vector @@ websearch_to_tsquery(kb_search_config($2), $3)
           LIMIT 10`,
          [ws.id, c.language, c.query],
        ),
      );
      all.push(...code);
      allBare.push(...plain);
      const p95 = pct(code, 95);
      rows.push([
        c.name,
        String(hits),
        pct(code, 50).toFixed(2),
        p95.toFixed(2),
        pct(plain, 50).toFixed(2),
        pct(plain, 95).toFixed(2),
        (pct(code, 50) / pct(plain, 50)).toFixed(1),
        p95 < TARGET_P95_MS ? 'PASS' : 'FAIL',
      ]);
      log(`measured ${c.name}`);
    }
    bare.release();
    rows.push([
      'all queries',
      '',
      pct(all, 50).toFixed(2),
      pct(all, 95).toFixed(2),
      pct(allBare, 50).toFixed(2),
      pct(allBare, 95).toFixed(2),
      (pct(all, 50) / pct(allBare, 50)).toFixed(1),
      pct(all, 95) < TARGET_P95_MS ? 'PASS' : 'FAIL',
    ]);
    const head = [
      'case',
      'hits',
      'p50 ms',
      'p95 ms',
      'bare p50',
      'bare p95',
      'ratio',
      `p95<${TARGET_P95_MS}`,
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
    console.log(
      `${ARTICLES} articles in 4 languages, PostgreSQL; ${RUNS} runs per case. searchArticles (RLS transaction, ` +
        'ranking, correction, snippets) vs bare `@@ websearch_to_tsquery LIMIT 10`',
    );
    console.log(line(head));
    for (const r of rows) console.log(line(r));
  } finally {
    await pool.end();
    await db?.close();
    await server.drop();
  }
}

await main();
