-- Stig store, schema version 6 (SQLite): the web origins a source accepts events from.
--
-- Browsers send an `Origin` header; the collector answers CORS for the origins listed here
-- and refuses the others. One origin a line (`https://www.example.com`, or
-- `https://*.example.com` for its subdomains). NULL: any origin.
ALTER TABLE sources ADD COLUMN allowed_origins TEXT;
