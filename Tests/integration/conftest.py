import shutil
import tempfile
from pathlib import Path

import pytest

from stack import Stack


@pytest.fixture(scope="session")
def stack():
    root = Path(tempfile.mkdtemp(prefix="nyumba-it-"))
    # nginx workers run as nobody when they can reach the folder.
    root.chmod(0o755)
    stack = Stack(root)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failed test's report ends with what the responder and nginx logged of errors and warnings
    while it ran (and MariaDB of deadlocks), since the logs go with the stack's temporary folder
    (and CI keeps only what it printed)."""
    outcome = yield
    report = outcome.get_result()
    stack = item.funcargs.get("stack")
    if not isinstance(stack, Stack):
        return
    logs = (("responder", stack.responder_log), ("nginx", stack.root / "nginx" / "error.log"),
            ("mariadb", stack.db_dir / "error.log"))
    if report.when == "setup":
        item.log_offsets = {name: path.stat().st_size if path.exists() else 0 for name, path in logs}
        return
    if report.when != "call" or not report.failed:
        return
    for name, path in logs:
        try:
            with open(path, "rb") as log:
                log.seek(getattr(item, "log_offsets", {}).get(name, 0))
                lines = log.read().decode(errors="replace").splitlines()
        except OSError:
            continue
        if name == "mariadb":
            # A deadlock's report spans many lines (both transactions, their statements and locks): all of it.
            first = next((i for i, line in enumerate(lines) if "deadlock" in line.lower()), len(lines))
            wanted, title = lines[first:][-200:], "deadlocks"
        else:
            wanted = [line for line in lines if any(word in line.lower() for word in ("error", "warn", " 500", "crit"))]
            wanted, title = wanted[-40:], "errors and warnings, last 40"
        if wanted:
            report.sections.append((f"{name} log while the test ran ({title})", "\n".join(wanted)))
