"""The code systems a library serves, found by URL, OID or id."""

from __future__ import annotations

from collections.abc import Iterator

from nosology.codesystems.base import CodeSystem
from nosology.errors import InvalidParameter, UnknownCodeSystem

__all__ = ["CodeSystems"]


class CodeSystems:
    """An ordered registry of code systems; the first is the default (the classification the
    site is about).

    Args:
        systems: the systems, the default first; ids, URLs and OIDs must be distinct.
    """

    def __init__(self, systems: tuple[CodeSystem, ...]) -> None:
        if not systems:
            raise ValueError("a code system registry needs at least one system")
        self._systems = systems

    def __iter__(self) -> Iterator[CodeSystem]:
        return iter(self._systems)

    def __len__(self) -> int:
        return len(self._systems)

    @property
    def default(self) -> CodeSystem:
        return self._systems[0]

    def known(self, attribute: str = "url") -> str:
        """The systems' URLs (or ids, OIDs) for an error message."""
        return ", ".join(str(getattr(s.info, attribute)) for s in self._systems)

    def named(self, text: str) -> CodeSystem | None:
        """The system named by ``text`` (URL, id, OID or ``urn:oid:`` OID), or None."""
        return next((s for s in self._systems if s.info.names(text.strip())), None)

    def by_id(self, system_id: str) -> CodeSystem:
        found = next((s for s in self._systems if s.info.id == system_id), None)
        if found is None:
            raise UnknownCodeSystem(f"no CodeSystem with id {system_id[:60]!r}: this server has {self.known('id')}")
        return found

    def resolve(self, text: str | None, *, default: CodeSystem | None = None) -> CodeSystem:
        """The system named by a canonical URL (with an optional ``|version``, checked), an OID
        (bare or ``urn:oid:``) or an id; ``default`` when ``text`` is empty.

        Raises:
            InvalidParameter: ``text`` is empty and there is no default.
            UnknownCodeSystem: no such system, or not in that version.
        """
        raw = (text or "").strip()
        if not raw:
            if default is None:
                raise InvalidParameter(f"missing required parameter 'system' (for example {self.default.info.url})")
            return default
        url, _, version = raw.partition("|")
        found = self.named(url)
        if found is None:
            raise UnknownCodeSystem(f"unknown code system {raw[:120]!r}: this server knows {self.known()}")
        found.info.check_version(version)
        return found
