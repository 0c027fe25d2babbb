"""The server-rendered website (HTML pages in English and French)."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter()
