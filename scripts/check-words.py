#!/usr/bin/env python3
"""Fails when Swift gains an English sentence meant for a person: words belong in the catalogues
(templates/po/*.po), named by key. Sentences already there when this check came are listed in
scripts/words-baseline.txt (path and text, no line numbers) and may only go away: move one into
the catalogue, then drop its line (`--update` rewrites the list). Operator-facing text — logs,
command-line tools, settings, seeding, start-up errors, lower-case diagnostics — and SQL are
skipped."""

import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parent.parent
ROOTS = ["Sources/NyumbaApp", "Sources/Daraja", "Sources/Web"]
SKIPPED = ["Sources/NyumbaApp/Commands/", "Sources/NyumbaApp/Core/Settings/", "Sources/NyumbaApp/Seeding/",
           "Sources/NyumbaApp/Core/Views.swift"]
BASELINE = REPO / "scripts/words-baseline.txt"

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
SENTENCE = re.compile(r"[A-Za-z][a-z'’]+(?: +[A-Za-z0-9'’,\-()/:]+){2,}")
SQL = re.compile(r"\s*\(?(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|SET|JOIN|FROM|WHERE|AND|OR|ON|"
                 r"LEFT|GROUP|ORDER|VALUES|CASE|WHEN|SUM|COUNT|IF|LEAST|GREATEST|COALESCE)\b", re.I)


def sentences() -> list[str]:
    found = []
    for root in ROOTS:
        for path in sorted((REPO / root).rglob("*.swift")):
            relative = str(path.relative_to(REPO))
            if any(relative.startswith(skip) for skip in SKIPPED):
                continue
            previous = ""
            for line in path.read_text().splitlines():
                code = line.strip()
                logged = "Log." in code or ("Log." in previous and code.startswith(("\"", "+")))
                previous = code if code else previous
                if code.startswith("//") or logged or "fatalError(" in code:
                    continue
                for match in LITERAL.finditer(line):
                    text = match.group(1)
                    person_facing = text[:1].isupper() or text.rstrip().endswith((".", "?", "!"))
                    if person_facing and not SQL.match(text) and SENTENCE.search(text.replace("\\(", "(")):
                        found.append(f"{relative}: {text}")
    return sorted(found)


def main() -> int:
    found = sentences()
    if "--update" in sys.argv:
        BASELINE.write_text("".join(line + "\n" for line in found))
        print(f"check-words: {len(found)} sentences listed in {BASELINE.name}")
        return 0
    known = set(BASELINE.read_text().splitlines()) if BASELINE.exists() else set()
    new = [line for line in found if line not in known]
    gone = len(known - set(found))
    if new:
        print("check-words: English sentences in Swift; put them in templates/po/*.po and name them by key:")
        for line in new:
            print("  " + line)
        return 1
    print(f"check-words: no new sentences ({len(found)} left to move into the catalogue"
          + (f"; {gone} gone from the list: run scripts/check-words.py --update" if gone else "") + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
