"""The search engine: code spellings, then full-text matching over every term of every code.

1. A code in any spelling (``m6128``, ``S72 001A``) or a code prefix (``M61.2``, ``M6``) answers
   with the code and what lies below it; a code written among words comes first.
2. Otherwise the words are parsed (:mod:`.query`: stems in both languages, equivalent organ words,
   typo corrections for unknown words, generic words marked) and :mod:`.matching` computes the
   whole answer: every code with a term that has every word (exact ``total``), or, when those
   are few, terms with most of the distinctive words; a lexicon or title term that says the query
   anchors its concept family first (:mod:`.family`). When no term had every word, rare known
   words that look like typos of common ones get a second look ("migrane").
3. The whole ranked answer of a worded query is kept (an LRU of answers keyed on the cleaned text
   and language), so the next page, or FHIR ``$expand``, never searches again.
"""

from __future__ import annotations

import re
import sqlite3
import threading

from nosology.cache import LruCache
from nosology.classification import Classification
from nosology.codes import compact
from nosology.errors import DataCorrupt, InvalidQuery
from nosology.models import Item
from nosology.search.completion import completes, prefix_words, rank_completions
from nosology.search.docs import Doc, DocTable
from nosology.search.matching import Matches, group, match, stems_group
from nosology.search.normalise import MAX_TOKENS, clean_query, fold
from nosology.search.query import ParsedQuery, parse_query
from nosology.search.ranking import MATCHED, Ranker, RankingWords
from nosology.search.results import SearchHit, SearchResults
from nosology.search.stemming import Stemmers
from nosology.search.typos import Vocabulary
from nosology.store import ReferenceStore

__all__ = ["SearchEngine", "SearchHit", "SearchResults"]

ANSWERS = 2048  # worded answers kept (the whole ranked list), so paging never searches again
SECOND_LOOK_BELOW = 10  # fewer codes than this: look again for typos among rare known words
_CODE_PREFIX = re.compile(r"^[A-Z][0-9][0-9A-Z]{0,5}$")


class SearchEngine:
    """Search over a built reference database. Thread-safe: SQLite connections and stemmers are
    per thread, the vocabulary and the term table are shared and loaded on first use.

    Args:
        store: the built reference database (with its search index).
        classification: the classification over the same store (items, its language registry).
        max_query_chars: queries are cut to this many characters.
        answer_cache: worded answers kept whole for paging (0: none, every search computes).
    """

    def __init__(self, store: ReferenceStore, classification: Classification, *, max_query_chars: int = 500,
                 answer_cache: int = ANSWERS) -> None:
        self.store = store
        self.classification = classification
        self.max_query_chars = max_query_chars
        self._local = threading.local()
        self._lock = threading.Lock()
        self._vocabulary: Vocabulary | None = None
        self._docs: DocTable | None = None
        self._ranking_words: RankingWords | None = None
        self._answers = LruCache[tuple[Matches, ParsedQuery]](answer_cache)

    # -- shared state, loaded on first use ---------------------------------------------------
    @property
    def stemmers(self) -> Stemmers:
        stemmers: Stemmers | None = getattr(self._local, "stemmers", None)
        if stemmers is None:
            stemmers = self._local.stemmers = Stemmers(self.classification.languages)
        return stemmers

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            with self._lock:
                if self._vocabulary is None:
                    words: dict[str, int] = {}
                    stems: dict[str, int] = {}
                    langs: dict[str, set[str]] = {}
                    for token, kind, df in self.store.query("SELECT token, kind, df FROM search_vocab"):
                        if kind == "word":
                            words[token] = df
                        elif kind == "stem":
                            stems[token] = df
                        else:  # "lang:<code>": the word occurs in terms of that language
                            langs.setdefault(token, set()).add(kind[5:])
                    self._vocabulary = Vocabulary(words, stems, {w: frozenset(ls) for w, ls in langs.items()})
        return self._vocabulary

    @property
    def ranking_words(self) -> RankingWords:
        if self._ranking_words is None:
            self._ranking_words = RankingWords.make(self.stemmers, self.classification.languages)
        return self._ranking_words

    @property
    def docs(self) -> DocTable:
        if self._docs is None:
            with self._lock:
                if self._docs is None:
                    self._docs = DocTable.load(self.store)
        return self._docs

    def warm(self) -> None:
        """Load what the first search would (vocabulary, terms) so it is not slow. A database
        without the search index is reported by the first search, not here."""
        try:
            _ = self.vocabulary, self.docs, self.stemmers, self.ranking_words
        except sqlite3.Error:
            return

    # -- public API --------------------------------------------------------------------------
    def search(self, query: str, lang: str | None = None, limit: int = 10, offset: int = 0) -> SearchResults:
        """Codes for any words or code spelling, best first.

        Args:
            query: what the person typed: a code in any spelling (``m6128``, ``M61.2`` for what
                lies below), words in any registered language, lay terms, typos. Control
                characters are dropped and the text is cut to ``max_query_chars``.
            lang: a registered language code to weigh results toward titles in that language;
                None: any (guessed from the text).
            limit: results per page (1 to 100).
            offset: results to skip, for paging.

        Raises:
            InvalidQuery: the query is empty once cleaned.
            DataCorrupt: the database has no usable search index.
        """
        text = self._clean(query)
        limit = max(1, min(limit, 100))
        offset = max(0, offset)
        try:
            hits, total, did_you_mean = self._search(text, lang, offset, limit)
        except sqlite3.OperationalError as exc:  # a database built without the search step
            raise DataCorrupt(f"the reference database has no usable search index ({exc}): run `nosology build`") from exc
        return SearchResults(text, total, hits, did_you_mean[:5], offset)

    def _search(self, text: str, lang: str | None, offset: int, limit: int) -> tuple[list[SearchHit], int, list[str]]:
        # a code spelling is answered by the code and what lies below it
        hits, total = self._code_hits(text, offset + limit)
        if hits:
            return hits[offset : offset + limit], total, []
        # a code written among words ("code M61.28", "E11 diabetes") comes first, the words after
        embedded = self._embedded_codes(text)
        if embedded:
            text = " ".join(w for w in text.split() if compact(w) not in {compact(i.code) for i in embedded}) or text
        found, parsed = self._answers.get_or_make((text, lang), lambda: self._worded(text, lang))
        if embedded:
            codes = {i.code for i in embedded}
            keep = [n for n, seq in enumerate(found.seqs) if self.classification.item(seq).code not in codes] if offset + limit > len(embedded) else []
            rest = Matches([found.seqs[n] for n in keep], [found.scores[n] for n in keep], [found.docs[n] for n in keep], found.complete)
            first = [self._hit(i, 950.0, "code", i.code) for i in embedded][offset : offset + limit]
            more = self._page_hits(rest, max(0, offset - len(embedded)), limit - len(first)) if len(first) < limit else []
            return first + more, len(embedded) + len(rest), []
        hits = self._page_hits(found, offset, limit)
        did_you_mean: list[str] = []
        corrected = parsed.corrected_text() if not parsed.gibberish else None
        if corrected and corrected.lower() != text.lower():
            did_you_mean.append(corrected)
        if not found:
            did_you_mean.extend(s for s in self.classification.suggest(text) if s not in did_you_mean)
            did_you_mean.extend(s for s in self._nearest_words(parsed) if s not in did_you_mean)
        return hits, len(found), did_you_mean

    def _worded(self, text: str, lang: str | None) -> tuple[Matches, ParsedQuery]:
        """Every code for a worded query, ranked, and the parse that found them."""
        parsed = parse_query(text, lang, self.stemmers, self.vocabulary)
        found = self._matches(parsed)
        # words that all occur together are probably meant; a lone rare word may be a typo
        # (the word's own frequency counts too: the Index repeats rare words, "migrans", in many paths)
        if not found.complete or (len(parsed.usable) == 1 and min(len(found), parsed.usable[0].df) < SECOND_LOOK_BELOW):
            second = parse_query(text, lang, self.stemmers, self.vocabulary, second_look=True)
            if second.corrections != parsed.corrections:
                parsed = second
                found = self._matches(parsed)
        return found, parsed

    def _nearest_words(self, parsed: ParsedQuery) -> list[str]:
        """For a query that found nothing: the query without its unknown words, and indexed words
        that begin like those."""
        vocabulary = self.vocabulary
        known = [t.word for t in parsed.tokens if t.known and not t.corrected]
        out: list[str] = [" ".join(known)] if known and len(known) < len(parsed.tokens) else []
        for token in parsed.distinctive:
            if not token.known and len(token.word) >= 4:
                out.extend(w for w in vocabulary.completions(token.word[:4], 3) if w not in out)
        return out[:5]

    def ranked_seqs(self, query: str, lang: str | None = None) -> list[int]:
        """Every item a search for ``query`` answers (all pages), best first, as classification
        seqs: for callers that page or filter the whole answer themselves (FHIR ``$expand``).

        Raises: as :meth:`search`."""
        text = self._clean(query)
        try:
            hits, total = self._code_hits(text, 1)
            if hits:
                hits, _ = self._code_hits(text, total)
                return [item.seq for item in map(self.classification.find, (h.code for h in hits if h.valid)) if item is not None]
            return list(self._answers.get_or_make((text, lang), lambda: self._worded(text, lang))[0].seqs)
        except sqlite3.OperationalError as exc:
            raise DataCorrupt(f"the reference database has no usable search index ({exc}): run `nosology build`") from exc

    def search_key(self, query: str) -> str:
        """Exactly what :meth:`search` reads of ``query`` (with its other arguments, a cache key)."""
        return clean_query(query, self.max_query_chars)

    def suggest_key(self, query: str) -> tuple[str, bool]:
        """Exactly what :meth:`suggest` reads of ``query``: its cleaned text, and whether it ends
        with a space (the last word is then complete). A cache of suggestions keys on this."""
        return clean_query(query, self.max_query_chars), query[-1:].isspace()

    def suggest(self, query: str, lang: str | None = None, limit: int = 10) -> list[SearchHit]:
        """Completions of what is being typed: codes by prefix, else terms whose words start so.

        Args:
            query: the text so far; a trailing space means the last word is complete.
            lang: as for :meth:`search`.
            limit: at most this many completions (1 to 10).

        Raises:
            InvalidQuery: the query is empty once cleaned.
            DataCorrupt: the database has no usable search index.
        """
        text = self._clean(query)
        try:
            return self._suggest(query, text, lang, max(1, min(limit, 10)))
        except sqlite3.OperationalError as exc:
            raise DataCorrupt(f"the reference database has no usable search index ({exc}): run `nosology build`") from exc

    def _suggest(self, query: str, text: str, lang: str | None, limit: int) -> list[SearchHit]:
        hits, _ = self._code_hits(text, limit)
        if len(hits) >= limit:
            return hits[:limit]
        docs, last = self._completion_candidates(query, lang, limit)
        seen = {h.code for h in hits}
        wanted_lang = self.classification.languages.of_query(lang, text, fold(text).split())
        chosen = []
        for doc in rank_completions(docs, last, self.vocabulary.stems, wanted_lang):
            item = self.classification.item(doc.seq)
            if item.code not in seen:
                seen.add(item.code)
                chosen.append((item, doc))
                if len(hits) + len(chosen) >= limit:
                    break
        texts = self._term_texts([doc.term_id for _, doc in chosen])
        return hits + [self._hit(item, 0.0, doc.kind, texts.get(doc.term_id, "")) for item, doc in chosen]

    # -- parts -------------------------------------------------------------------------------
    def _completion_candidates(self, query: str, lang: str | None, limit: int) -> tuple[list[Doc], str]:
        """Terms with every complete word typed and a word starting with the last, incomplete one
        (that word, or "" when the text ends with a space)."""
        cleaned, complete = self.suggest_key(query)
        full, last = prefix_words(cleaned + (" " if complete else ""))
        parsed = parse_query(" ".join(full), lang, self.stemmers, self.vocabulary)
        parts = [group(t) for t in parsed.usable]
        if last in self.classification.languages.stop_words and parts:
            last = ""
        # the commonest words with this prefix: an FTS5 prefix query would merge the lists of
        # every matching word (slow for "frac": fracture is in 30,000 terms)
        vocabulary = self.vocabulary
        completions = frozenset(s for w in vocabulary.completions(last, 12) for s in self.stemmers.across(w, vocabulary.languages_of(w))) if len(last) >= 2 else frozenset()
        # the word being typed must be another word than those already typed: "bad ba" is not
        # completed by "bad" itself ("bad breath", "bad dreams"), only by "back", "bacteria"...
        typed = frozenset(s for t in parsed.usable for s in t.any_stems)
        completions -= typed
        docs = self.docs
        found: list[Doc] = []
        if parts:
            ids = self._ids(" AND ".join(parts), 200 if last else 80)
            found = [d for d in map(docs.get, ids)
                     if d is not None and (not last or any(completes(st, last) and st not in typed for st in d.stems))]
        if len(found) < limit and completions:
            known = {(d.seq, d.term_id) for d in found}
            ids = self._ids(" AND ".join([*parts, stems_group(completions)]), 80)
            found += [d for d in map(docs.get, ids) if d is not None and (d.seq, d.term_id) not in known]
        return found, last

    def _clean(self, query: str) -> str:
        text = clean_query(query, self.max_query_chars)
        if not text:
            raise InvalidQuery("The search query is empty: type a code (M61.28) or a few words (heterotopic ossification).")
        return text

    def _hit(self, item: Item, score: float, kind: str, text: str) -> SearchHit:
        return SearchHit(item.code, item.title, item.titles_by_lang(), item.kind, item.billable, round(score, 3), MATCHED.get(kind, kind), text)

    def _code_hits(self, text: str, wanted: int) -> tuple[list[SearchHit], int]:
        """A query that is a code spelling: the code, then its children (browsing by prefix); and
        how many codes that is."""
        key = compact(text)
        if not _CODE_PREFIX.match(key):
            return [], 0
        item = self.classification.find(text)
        if item is not None:
            hits = [self._hit(item, 1000.0, "code", item.code)]
            for n, child in enumerate(self.classification.children(item)[: max(0, wanted - 1)]):
                hits.append(self._hit(child, 900.0 - n, "code", child.code))
            return hits, 1 + item.n_children
        retired = self._retired_hits(text, wanted)
        if retired:
            return retired, len(retired)
        if len(key) < 2:
            return [], 0
        upper = key[:-1] + chr(ord(key[-1]) + 1)
        rows = self.store.query(
            "SELECT seq FROM lookup WHERE key >= ? AND key < ? ORDER BY length(key), key LIMIT ?", (key, upper, wanted)
        )
        items = [self.classification.item(r["seq"]) for r in rows]
        return [self._hit(item, 800.0 - n, "code", item.code) for n, item in enumerate(items)], len(items)

    def _retired_hits(self, text: str, wanted: int) -> list[SearchHit]:
        """A code of an earlier year, marked no longer valid, then what replaced it. Found by
        its spelling only: its words are not in the index of current codes."""
        from nosology.history import History

        retired = History(self.store, self.classification).retirement(text)
        if retired is None:
            return []
        h = retired.history
        first = SearchHit(h.code, h.title, {}, "code", False, 1000.0, "code", h.code, valid=False)
        return [first] + [self._hit(item, 900.0 - n, "code", item.code) for n, item in enumerate(retired.replaced_by[: max(0, wanted - 1)])]

    def _embedded_codes(self, text: str) -> list[Item]:
        found: dict[str, Item] = {}
        for word in text.split()[:MAX_TOKENS]:
            word = word.strip(",;:()[]'\"")
            if len(word) >= 3 and _CODE_PREFIX.match(compact(word)) and any(ch.isdigit() for ch in word[1:3]):
                item = self.classification.find(word)
                if item is not None:
                    found[item.code] = item
        return list(found.values())

    def _ids(self, match: str, limit: int) -> list[int]:
        return [r[0] for r in self.store.connection().execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT ?", (match, limit))]

    def _matches(self, parsed: ParsedQuery) -> Matches:
        if not parsed.usable:
            return Matches()
        return match(parsed, self.docs, Ranker(parsed, self.ranking_words, len(self.docs)), self._ids, self.classification)

    def _page_hits(self, found: Matches, offset: int, limit: int) -> list[SearchHit]:
        """The hits of one page of an answer: items and matched terms are read for these only."""
        docs = self.docs
        rows = list(zip(found.seqs[offset : offset + limit], found.scores[offset : offset + limit], found.docs[offset : offset + limit], strict=True))
        shown = {abs(d): docs.get(abs(d)) for _, _, d in rows}
        texts = self._term_texts([doc.term_id for doc in shown.values() if doc is not None])
        hits = []
        for seq, score, doc_id in rows:
            doc = shown[abs(doc_id)]
            text = texts.get(doc.term_id, "") if doc is not None else ""
            kind = "family" if doc_id < 0 or doc is None else doc.kind
            hits.append(self._hit(self.classification.item(seq), score, kind, text))
        return hits

    def _term_texts(self, term_ids: list[int]) -> dict[int, str]:
        if not term_ids:
            return {}
        rows = self.store.connection().execute(
            f"SELECT id, term FROM search_term WHERE id IN ({','.join('?' * len(term_ids))})", term_ids
        ).fetchall()
        return {int(r[0]): str(r[1]) for r in rows}


