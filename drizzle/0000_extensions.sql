-- Trigram indexes make substring search on company names fast at a million leads.
-- PGlite loads pg_trgm through its contrib extension (packages/db/src/client.ts); the server has it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
