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
