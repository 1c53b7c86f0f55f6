CREATE TABLE "recommendation_search" (
	"recommendation_id" uuid NOT NULL,
	"language" text NOT NULL,
	"is_source" boolean NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig else 'english'::regconfig end, immutable_unaccent(title)), 'A') || setweight(to_tsvector(case language when 'fr' then 'french'::regconfig when 'nl' then 'dutch'::regconfig when 'de' then 'german'::regconfig else 'english'::regconfig end, immutable_unaccent(body)), 'B')) STORED NOT NULL,
	CONSTRAINT "recommendation_search_recommendation_id_language_pk" PRIMARY KEY("recommendation_id","language"),
	CONSTRAINT "recommendation_search_language" CHECK ("recommendation_search"."language" in ('fr','nl','de','en'))
);
--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendation_search" ADD CONSTRAINT "recommendation_search_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_search_document_idx" ON "recommendation_search" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
-- The catalogue's search texts (decision 019), kept by triggers so that no write path can forget them.
CREATE OR REPLACE FUNCTION recommendation_search_body(sections jsonb, quotes jsonb, footnotes jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT concat_ws(E'\n',
    sections->>'context', sections->>'argumentation', sections->>'attention', sections->>'alreadyDoes', sections->>'examples',
    (SELECT string_agg(q->>'text', E'\n') FROM jsonb_array_elements(coalesce(quotes, '[]'::jsonb)) AS q),
    (SELECT string_agg(f->>'text', E'\n') FROM jsonb_array_elements(coalesce(footnotes, '[]'::jsonb)) AS f)) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_words_of(title text, body text) RETURNS SETOF text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple', lower(immutable_unaccent(title || ' ' || body))))) AS w
        WHERE length(w) BETWEEN 3 AND 40 AND w !~ '^[0-9]+$' $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION recommendation_search_from_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO recommendation_search (recommendation_id, language, is_source, title, body)
  SELECT NEW.recommendation_id, r.source_language, true, NEW.title,
         recommendation_search_body(NEW.sections, NEW.quotes, NEW.footnotes)
  FROM recommendations r WHERE r.id = NEW.recommendation_id
  ON CONFLICT (recommendation_id, language)
  DO UPDATE SET is_source = true, title = EXCLUDED.title, body = EXCLUDED.body;
  INSERT INTO search_words (word)
  SELECT search_words_of(NEW.title, recommendation_search_body(NEW.sections, NEW.quotes, NEW.footnotes))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER recommendation_search_version AFTER INSERT ON recommendation_versions
  FOR EACH ROW EXECUTE FUNCTION recommendation_search_from_version();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION recommendation_search_from_translation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM recommendation_search
      WHERE recommendation_id = OLD.recommendation_id AND language = OLD.language AND NOT is_source;
    RETURN NULL;
  END IF;
  INSERT INTO recommendation_search (recommendation_id, language, is_source, title, body)
  SELECT NEW.recommendation_id, NEW.language, false, NEW.title,
         recommendation_search_body(NEW.sections, NEW.quotes, NEW.footnotes)
  FROM recommendations r WHERE r.id = NEW.recommendation_id AND r.source_language <> NEW.language
  ON CONFLICT (recommendation_id, language)
  DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body WHERE NOT recommendation_search.is_source;
  INSERT INTO search_words (word)
  SELECT search_words_of(NEW.title, recommendation_search_body(NEW.sections, NEW.quotes, NEW.footnotes))
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER recommendation_search_translation AFTER INSERT OR UPDATE OR DELETE ON recommendation_translations
  FOR EACH ROW EXECUTE FUNCTION recommendation_search_from_translation();
--> statement-breakpoint
-- What exists already: the latest version of each recommendation, then its translations.
INSERT INTO recommendation_search (recommendation_id, language, is_source, title, body)
SELECT DISTINCT ON (v.recommendation_id) v.recommendation_id, r.source_language, true, v.title,
       recommendation_search_body(v.sections, v.quotes, v.footnotes)
FROM recommendation_versions v JOIN recommendations r ON r.id = v.recommendation_id
ORDER BY v.recommendation_id, v.number DESC;
--> statement-breakpoint
INSERT INTO recommendation_search (recommendation_id, language, is_source, title, body)
SELECT t.recommendation_id, t.language, false, t.title, recommendation_search_body(t.sections, t.quotes, t.footnotes)
FROM recommendation_translations t JOIN recommendations r ON r.id = t.recommendation_id
WHERE r.source_language <> t.language
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO search_words (word)
SELECT DISTINCT search_words_of(title, body) FROM recommendation_search
ON CONFLICT DO NOTHING;
