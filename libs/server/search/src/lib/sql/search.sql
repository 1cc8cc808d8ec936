-- SELECT set_config('pg_trgm.similarity_threshold', '0.3', true), set_config('pg_trgm.word_similarity_threshold', '0.5', true), set_config('cpu_operator_cost', '0.25', true);
SELECT type, id, title, subtitle, email, score FROM ((WITH matched AS MATERIALIZED (SELECT r.id, r.name, r.domain, r.industry FROM accounts r WHERE r.organization_id = $1 AND ((r.name || ' ' || coalesce(r.domain, '')) % $2 OR $2 <% (r.name || ' ' || coalesce(r.domain, ''))) LIMIT 100)
    SELECT 'account'::text AS type, r.id, r.name AS title, coalesce(r.domain, r.industry) AS subtitle, NULL::text AS email,
      round(least(1, 0.75 * greatest(coalesce(similarity(r.name, $2), 0), coalesce(word_similarity($2, r.name), 0), coalesce(similarity(r.domain, $2), 0), coalesce(word_similarity($2, r.domain), 0)) + 0.15 * CASE WHEN $4::text IS NOT NULL AND to_tsvector('simple', (r.name || ' ' || coalesce(r.domain, ''))) @@ to_tsquery('simple', $4::text) THEN 1 ELSE 0 END + 0.10 * CASE WHEN (r.name || ' ' || coalesce(r.domain, '')) ILIKE $3 THEN 1 ELSE 0 END)::numeric, 4)::float8 AS score
    FROM (SELECT r.id, r.name, r.domain, r.industry FROM matched r
      UNION (SELECT r.id, r.name, r.domain, r.industry FROM accounts r WHERE r.organization_id = $1 AND (SELECT count(*) FROM matched) = 100
        ORDER BY lower((r.name || ' ' || coalesce(r.domain, ''))) <-> $2 LIMIT 100)) r
    WHERE ((r.name || ' ' || coalesce(r.domain, '')) % $2 OR $2 <% (r.name || ' ' || coalesce(r.domain, '')))
    ORDER BY score DESC, r.id
    LIMIT $5)
UNION ALL
(WITH matched AS MATERIALIZED (SELECT n.name FROM contact_search_names n WHERE n.organization_id = $1 AND (n.name % $2 OR $2 <% n.name) LIMIT 100),
    names AS MATERIALIZED (SELECT n.name, round(least(1, 0.75 * greatest(coalesce(similarity(n.name, $2), 0), coalesce(word_similarity($2, n.name), 0)) + 0.15 * CASE WHEN $4::text IS NOT NULL AND to_tsvector('simple', n.name) @@ to_tsquery('simple', $4::text) THEN 1 ELSE 0 END + 0.10 * CASE WHEN n.name ILIKE $3 THEN 1 ELSE 0 END)::numeric, 4)::float8 AS score
      FROM (SELECT name FROM matched
        UNION (SELECT n.name FROM contact_search_names n WHERE n.organization_id = $1 AND (SELECT count(*) FROM matched) = 100
          ORDER BY lower(n.name) <-> $2 LIMIT 100)) n
      WHERE (n.name % $2 OR $2 <% n.name)
      ORDER BY score DESC, trim(n.name), n.name
      LIMIT $5)
    SELECT 'contact'::text AS type, r.id, trim(r.first_name || ' ' || coalesce(r.last_name, '')) AS title, r.job_title AS subtitle, r.email AS email, r.score
    FROM (SELECT r.id, r.first_name, r.last_name, r.job_title, r.email, r.email_hash, CASE WHEN r.email_hash = $6::text THEN 1 ELSE n.score END AS score
        FROM names n CROSS JOIN LATERAL (SELECT r.id, r.first_name, r.last_name, r.job_title, r.email, r.email_hash FROM contacts r WHERE r.organization_id = $1 AND (coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, '')) = n.name ORDER BY r.id LIMIT $5) r
      UNION SELECT r.id, r.first_name, r.last_name, r.job_title, r.email, r.email_hash, 1::float8 AS score FROM contacts r WHERE r.organization_id = $1 AND r.email_hash = $6::text) r
    ORDER BY score DESC, title, r.id
    LIMIT $5)
UNION ALL
(WITH matched AS MATERIALIZED (SELECT r.id, r.name, r.stage FROM deals r WHERE r.organization_id = $1 AND (r.name % $2 OR $2 <% r.name) LIMIT 100)
    SELECT 'deal'::text AS type, r.id, r.name AS title, r.stage AS subtitle, NULL::text AS email,
      round(least(1, 0.75 * greatest(coalesce(similarity(r.name, $2), 0), coalesce(word_similarity($2, r.name), 0)) + 0.15 * CASE WHEN $4::text IS NOT NULL AND to_tsvector('simple', r.name) @@ to_tsquery('simple', $4::text) THEN 1 ELSE 0 END + 0.10 * CASE WHEN r.name ILIKE $3 THEN 1 ELSE 0 END)::numeric, 4)::float8 AS score
    FROM (SELECT r.id, r.name, r.stage FROM matched r
      UNION (SELECT r.id, r.name, r.stage FROM deals r WHERE r.organization_id = $1 AND (SELECT count(*) FROM matched) = 100
        ORDER BY lower(r.name) <-> $2 LIMIT 100)) r
    WHERE (r.name % $2 OR $2 <% r.name)
    ORDER BY score DESC, r.id
    LIMIT $5)) hits
      ORDER BY score DESC, title, id LIMIT $5
