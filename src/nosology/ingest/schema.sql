-- Reference database: read-only once built. Items are numbered in pre-order (seq), so the
-- descendants of an item are the rows with seq in (item.seq, item.last_seq].
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE item (
  seq INTEGER PRIMARY KEY,
  code TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  parent INTEGER,
  chapter INTEGER NOT NULL,
  depth INTEGER NOT NULL,
  billable INTEGER NOT NULL,
  seventh INTEGER NOT NULL,
  n_children INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  who_code TEXT,
  who_title TEXT,
  who_level TEXT,
  n_billable INTEGER NOT NULL -- billable codes at or below this item, counted once at build time
);
CREATE INDEX item_parent ON item(parent);
CREATE INDEX item_kind ON item(kind, seq);
-- One row per distinct identifier; where a block and its only category share one, the category wins.
CREATE TABLE lookup (key TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
-- Titles in the registry's other languages: "exact" when the borrowed title means the same as the
-- code's, "ancestor" when it is the title of the nearest broader code that has one (source_code).
CREATE TABLE item_title (
  lang TEXT NOT NULL,
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  level TEXT NOT NULL,
  source_code TEXT NOT NULL,
  PRIMARY KEY (seq, lang)
) WITHOUT ROWID;
CREATE TABLE note (seq INTEGER NOT NULL, kind TEXT NOT NULL, pos INTEGER NOT NULL, text TEXT NOT NULL, level INTEGER NOT NULL DEFAULT 0);
CREATE INDEX note_seq ON note(seq);
CREATE TABLE seven_chr (seq INTEGER NOT NULL, pos INTEGER NOT NULL, char TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX seven_chr_seq ON seven_chr(seq);
CREATE TABLE who (key TEXT PRIMARY KEY, code TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, parent TEXT) WITHOUT ROWID;
CREATE TABLE cim10 (key TEXT PRIMARY KEY, code TEXT NOT NULL, title TEXT NOT NULL) WITHOUT ROWID;
-- The Alphabetic Index (FY2025) and its tables, one row per term in document order (ids run on
-- across the four books); a term's subterms are the rows with id in (id, last].
CREATE TABLE index_term (
  id INTEGER PRIMARY KEY,
  book TEXT NOT NULL,  -- disease | external | neoplasm | drug
  letter TEXT NOT NULL,
  depth INTEGER NOT NULL,  -- 0 = main term
  parent INTEGER,
  main INTEGER NOT NULL,
  last INTEGER NOT NULL,
  title TEXT NOT NULL,
  nemod TEXT NOT NULL,  -- non-essential modifiers, as printed
  see TEXT NOT NULL,
  see_also TEXT NOT NULL,
  see_id INTEGER,  -- the term a reference resolves to (NULL when it names no term)
  see_also_id INTEGER,
  see_whole INTEGER NOT NULL,  -- 1 when the whole "see" path resolved (else see_id is the deepest part found)
  path TEXT NOT NULL,  -- "Diabetes, type 2, with, foot ulcer"
  trail TEXT NOT NULL,  -- the same path for display: "Diabetes › type 2 › with › foot ulcer"
  slug TEXT UNIQUE,  -- main terms only
  key TEXT NOT NULL  -- the folded title
);
CREATE INDEX index_term_key ON index_term(book, depth, key);
CREATE INDEX index_term_parent ON index_term(parent);
-- Codes as printed, with the 2026 code they name: complete | incomplete | invalid (code NULL).
CREATE TABLE index_code (term INTEGER NOT NULL, col INTEGER NOT NULL, printed TEXT NOT NULL, code TEXT, status TEXT NOT NULL);
CREATE INDEX index_code_term ON index_code(term);
CREATE INDEX index_code_code ON index_code(code);
CREATE TABLE index_heading (book TEXT NOT NULL, col INTEGER NOT NULL, text TEXT NOT NULL, PRIMARY KEY (book, col));
-- Code history FY2019-FY2026 (ingest/history.py): one row per code that existed in any of those
-- years. Years are bit masks (bit 0 = FY2019); title is the last one, kept for codes FY2026 lacks.
CREATE TABLE code_history (key TEXT PRIMARY KEY, code TEXT NOT NULL, billable_years INTEGER NOT NULL, header_years INTEGER NOT NULL, chapter INTEGER, title TEXT) WITHOUT ROWID;
CREATE TABLE code_revision (key TEXT NOT NULL, year INTEGER NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL, PRIMARY KEY (key, year)) WITHOUT ROWID;
CREATE TABLE code_change (year INTEGER NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL, code TEXT NOT NULL, chapter INTEGER, title TEXT NOT NULL, PRIMARY KEY (year, kind, key)) WITHOUT ROWID;
-- MS-DRG v43 severity of secondary diagnoses (ingest/drg.py): level 'mcc' or 'cc', the Table 6K
-- collection of principal diagnoses that cancel it, and whether it counts only if discharged alive.
CREATE TABLE drg_severity (key TEXT PRIMARY KEY, level TEXT NOT NULL, pdx_collection INTEGER, alive_only INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE drg_pdx (collection INTEGER NOT NULL, key TEXT NOT NULL, PRIMARY KEY (collection, key)) WITHOUT ROWID;
