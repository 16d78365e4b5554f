"""Readable, stable URL slugs from any Unicode text."""

from slugkit.slugify import slugify, unique_slug

__all__ = ["slugify", "unique_slug"]
__version__ = "1.4.0"
