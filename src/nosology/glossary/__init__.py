"""The plain-words glossary (issue 17): entries we write per language, matched in titles and notes,
stored at build time, and the plain summaries composed from them and the classification."""
