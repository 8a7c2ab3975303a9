-- KB ranking: the body weighs a quarter of what it did against the title (title 4, tags 2, excerpt and
-- meta description 1.5, body 0.25 per occurrence; 0027 had body 1).
--
-- Tuned on ONE collection (covid-faq: real users' questions for 67 FAQ answers, even-numbered questions;
-- bench/relevance/tune.ts), checked on the others (bench/kb-relevance.ts; figures in the README). A
-- question is asked in the words of the article's title far more than in those of its body: a long body
-- mentions every common word of the domain several times ("virus", "spread", "people"), and with body
-- weight 1 those mentions outweighed the one title that asked the same question. On covid-faq MRR@10
-- went from 0.601 to 0.688 (tuning half) and 0.627 to 0.717 (held-out half), against 0.606 / 0.620 for
-- the bench's plain BM25. Same function as 0027 otherwise.
CREATE OR REPLACE FUNCTION kb_bm25_rank(p_vector tsvector, p_terms tsquery[], p_idfs double precision[], p_avgdl double precision)
  RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT s / (s + 10)
    FROM (
      SELECT coalesce(sum(t.idf * x.tf * 2.2
               / (x.tf + 1.2 * (0.25 + 0.75 * length(p_vector) / coalesce(p_avgdl, 1)))), 0) AS s
      FROM unnest(p_terms, p_idfs) AS t(q, idf),
        LATERAL (SELECT 4 * ts_rank_cd('{0.0625, 0.375, 0.5, 1.0}', p_vector, t.q, 0)::float8 AS tf) AS x
      WHERE x.tf > 0
    ) AS score
  $$;
