"""The catalogues (templates/po/<language>.po) as the tests read them: key → words, placeholders
left as written. Tests compare what a page or an answer says with the catalogue's words for a key,
so that a translation never breaks a test and a wrong language still shows."""

import ast
from functools import cache
from pathlib import Path

PO_DIR = Path(__file__).resolve().parents[2] / "templates/po"


@cache
def catalogue(language: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    key = text = None
    part = None
    for line in (PO_DIR / f"{language}.po").read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            key, text, part = ast.literal_eval(line[6:]), None, "id"
        elif line.startswith("msgstr "):
            text, part = ast.literal_eval(line[7:]), "str"
        elif line.startswith('"') and part == "id":
            key += ast.literal_eval(line)
        elif line.startswith('"') and part == "str":
            text += ast.literal_eval(line)
        else:
            if key and text is not None:
                entries[key] = text
            key = text = part = None
    if key and text is not None:
        entries[key] = text
    return entries


def words(language: str, key: str, **values) -> str:
    """The catalogue's words for `key` with its `{placeholders}` filled."""
    text = catalogue(language)[key]
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text
