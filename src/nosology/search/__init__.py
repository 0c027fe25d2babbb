"""Search: find ICD-10-CM codes from any words (English, French, lay terms, abbreviations, typos)
or any code spelling. Embedded (SQLite FTS5 in the reference database), no server.

Modules: :mod:`.normalise` (folding, tokens, stop words), :mod:`.stemming` (snowball EN/FR),
:mod:`.lexicon` (the curated TSV files), :mod:`.index` (the build step), :mod:`.typos`,
:mod:`.query`, :mod:`.ranking`, :mod:`.docs`, :mod:`.engine` (:class:`SearchEngine`).

Article titles and synonyms are indexed by the search step itself from the ``article_term``
table of the articles step (which runs first), as terms of kind ``article`` (results then say
``matched: "article"``). A step that runs after ``search`` and adds rows to
``search_term(term, lang, code, kind, source)`` must call ``nosology.search.index.refresh_terms(conn)``,
which re-derives the index from all rows.
"""

from nosology.search.engine import SearchEngine
from nosology.search.results import SearchHit, SearchResults

__all__ = ["SearchEngine", "SearchHit", "SearchResults"]
