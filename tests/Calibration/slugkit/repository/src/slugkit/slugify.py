import re

from slugkit.transliterate import to_ascii

_SEPARATORS = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, separator: str = "-", max_length: int = 80) -> str:
    """Lower-case ASCII words joined by ``separator``, cut at a word boundary."""
    words = _SEPARATORS.split(to_ascii(text).lower())
    slug = separator.join(word for word in words if word)
    if len(slug) <= max_length:
        return slug
    return slug[:max_length].rsplit(separator, 1)[0]


def unique_slug(text: str, taken: set[str]) -> str:
    """``slugify(text)``, with -2, -3... appended until it is not in ``taken``."""
    base = slugify(text)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate
