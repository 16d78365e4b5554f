from unidecode import unidecode

_OVERRIDES = {"ß": "ss", "æ": "ae", "ø": "o", "&": " and "}


def to_ascii(text: str) -> str:
    for source, target in _OVERRIDES.items():
        text = text.replace(source, target)
    return unidecode(text)
