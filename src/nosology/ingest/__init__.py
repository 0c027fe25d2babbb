"""Building the reference database from the official sources (and our content)."""

from nosology.ingest.database import build_database, default_steps
from nosology.ingest.steps import BuildContext, BuildStep

__all__ = ["BuildContext", "BuildStep", "build_database", "default_steps"]
