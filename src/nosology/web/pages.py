"""Placeholder router; filled in by its issue."""

from fastapi import APIRouter

__all__ = ["router"]

router = APIRouter()
