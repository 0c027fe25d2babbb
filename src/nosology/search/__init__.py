"""Search: find ICD-10-CM codes from any words (English, French, lay terms, abbreviations, typos)
or any code spelling. Embedded (SQLite FTS5 in the reference database), no server.

Modules: :mod:`.normalise` (folding, tokens, stop words), :mod:`.stemming` (snowball EN/FR),
:mod:`.lexicon` (the curated TSV files), :mod:`.index` (the build step), :mod:`.typos`,
:mod:`.query`, :mod:`.ranking`, :mod:`.docs`, :mod:`.engine` (:class:`SearchEngine`).

Hook for later build steps (articles): the table ``search_term(term, lang, code, kind, source)``
holds every searchable term. A step that runs after ``search`` may::

    conn.executemany("INSERT INTO search_term (term, lang, code, kind, source) VALUES (?, ?, ?, ?, ?)", rows)
    from nosology.search.index import refresh_terms
    refresh_terms(conn)

with ``lang`` ``en`` or ``fr``, ``code`` an existing ICD-10-CM code (dotted; rows whose code does
not exist are ignored, so validate first), ``kind`` ``article`` (results then say
``matched: "article"``). ``refresh_terms`` re-derives the index from all rows.
"""

from nosology.search.engine import SearchEngine
from nosology.search.results import SearchHit, SearchResults

__all__ = ["SearchEngine", "SearchHit", "SearchResults"]
