#!/usr/bin/env python3
"""Fails when Swift gains an English sentence meant for a person: words belong in the catalogues
(templates/po/*.po), named by key, and are put into the reader's language when shown — on a page,
in an email or SMS, in an API error, or from a row (rows store keys and figures, never sentences).

Every Swift module is read except the simulators (they speak as Safaricom and Africa's Talking do).
What is for the operator or the programmer, not for a person using Nyumba, is skipped, each by a
narrow rule:

- whole folders: the command-line tools (`Commands/`: their output is for the operator), settings
  read at start-up (`Core/Settings/`), demo and benchmark seeding (`Seeding/`), the template loader;
- logs: the arguments of `Log.…(…)` (the operator log);
- programmer errors: `precondition(…)`, `preconditionFailure(…)`, `assertionFailure(…)`, `fatalError(…)`;
- start-up errors: `ConfigError(…)` (the one line `serve` prints before it refuses to start);
- the body of `var description: String` (CustomStringConvertible, what a log line prints of a
  value; what a page or a row gets of an error is its code);
- the column names of a CSV export, `CSVWriter(header: […])` (a stable format programs read);
- SQL, and comments.

`scripts/words-baseline.txt` may list sentences still waiting to move (path and text, no line
numbers); it is empty, and should stay so. `--update` rewrites it; `--self-test` proves the check
fails on a planted sentence and passes the rules above."""

import pathlib
import re
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parent.parent
SKIPPED = ["Sources/NyumbaApp/Commands/", "Sources/NyumbaApp/Core/Settings/", "Sources/NyumbaApp/Seeding/",
           "Sources/NyumbaApp/Core/Views.swift", "Sources/DarajaSimulator/", "Sources/SMSSimulator/"]
BASELINE = REPO / "scripts/words-baseline.txt"

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
SENTENCE = re.compile(r"[A-Za-z][a-z'’]+(?: +[A-Za-z0-9'’,\-()/:]+){2,}")
SQL = re.compile(r"\s*\(?(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|WITH|SET|JOIN|FROM|WHERE|AND|OR|ON|"
                 r"LEFT|GROUP|ORDER|VALUES|CASE|WHEN|SUM|COUNT|IF|LEAST|GREATEST|COALESCE)\b", re.I)
# A statement that starts with an interpolated piece of SQL: `"\(Line.select) WHERE …"`.
LEADING_INTERPOLATION = re.compile(r"^(?:\\\([^)]*\)\s*)+")
FOR_THE_OPERATOR = ("Log.", "precondition(", "preconditionFailure(", "assertionFailure(", "fatalError(",
                    "ConfigError(")
BLOCKS = (re.compile(r"\bvar description: String\b.*\{\s*$"), re.compile(r"CSVWriter\(header: \[\s*$"))


def brackets(line: str) -> int:
    """Opened minus closed brackets on a line (enough for the blocks skipped)."""
    return sum(line.count(c) for c in "{[(") - sum(line.count(c) for c in "}])")


def sentences_in(relative: str, text: str) -> list[str]:
    found = []
    previous = ""
    depth = 0  # > 0 inside a skipped block (a description body, a CSV header list)
    for line in text.splitlines():
        code = line.strip()
        if depth > 0:
            depth += brackets(line)
            continue
        if any(block.search(code) for block in BLOCKS):
            depth = brackets(line)
            continue
        for_operator = any(marker in code for marker in FOR_THE_OPERATOR) or (
            any(marker in previous for marker in FOR_THE_OPERATOR) and code.startswith(("\"", "+")))
        previous = code if code else previous
        if code.startswith("//") or for_operator or "CSVWriter(header:" in code:
            continue
        for match in LITERAL.finditer(line):
            text = match.group(1)
            person_facing = text[:1].isupper() or text.rstrip().endswith((".", "?", "!"))
            if not person_facing or SQL.match(LEADING_INTERPOLATION.sub("", text)):
                continue
            if SENTENCE.search(text.replace("\\(", "(")):
                found.append(f"{relative}: {text}")
    return found


def sentences() -> list[str]:
    found = []
    for path in sorted((REPO / "Sources").rglob("*.swift")):
        relative = str(path.relative_to(REPO))
        if not any(relative.startswith(skip) for skip in SKIPPED):
            found += sentences_in(relative, path.read_text())
    return sorted(found)


def self_test() -> int:
    """The check catches a sentence a person would read, and lets the operator's lines through."""
    caught = {
        "page": 'let notice = "Your rent was received, thank you."',
        "API error": 'throw APIError.conflict("This lease has already ended; nothing was changed.")',
        "row": 'description: "Late fee: rent due \\(day)"',
        "SMS": 'let text = "Nyumba: payment received for unit \\(unit)"',
    }
    passed = {
        "log": 'Log.warning("mailer: the server refused the email \\(id)")',
        "precondition": 'precondition(ok, "The key must be at least 32 bytes")',
        "start-up": 'throw ConfigError(problems: ["NYUMBA_TODAY must be a date like 2026-05-05"])',
        "description": 'var description: String {\n    "The SMTP URL is not usable: \\(reason)"\n}',
        "CSV header": 'var csv = CSVWriter(header: [\n    "Monthly rent (KES)", "Balance due (KES)",\n])',
        "SQL": '"\\(Line.select) WHERE p.tenant_id = ? ORDER BY p.paid_at DESC LIMIT ?"',
        "catalogue key": 'say("pay.status.timed_out")',
    }
    failures = [f"missed the {name} sentence" for name, line in caught.items() if not sentences_in(name, line)]
    failures += [f"flagged the {name} line" for name, line in passed.items() if sentences_in(name, line)]
    with tempfile.TemporaryDirectory() as folder:
        planted = pathlib.Path(folder) / "Planted.swift"
        planted.write_text('let message = "Please pay your rent before the fifth."\n')
        if not sentences_in("Planted.swift", planted.read_text()):
            failures.append("missed a sentence in a planted file")
    for failure in failures:
        print("check-words self-test: " + failure)
    print(f"check-words self-test: {'failed' if failures else 'passed'}")
    return 1 if failures else 0


def main() -> int:
    if "--self-test" in sys.argv:
        return self_test()
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
