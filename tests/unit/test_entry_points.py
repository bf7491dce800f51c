"""server.py and worker.py share bootstrap and never import each other; the worker loads no gRPC.

(import-linter takes packages only, so these two modules are checked here.)
"""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_names(module: str) -> set[str]:
    """Every module ``module``.py imports, at the top or inside a function."""
    tree = ast.parse((ROOT / f"{module}.py").read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize(("module", "other"), [("server", "worker"), ("worker", "server")])
def test_an_entry_point_imports_bootstrap_and_never_the_other(module, other):
    names = imported_names(module)
    assert "bootstrap" in names
    assert not {n for n in names if n == other or n.startswith(f"{other}.")}


def grpc_modules_after(code: str, cwd: Path) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(sorted(m for m in sys.modules "
                          "if m.split('.')[0] in ('grpc', 'grpc_health') or m.startswith('adapters.grpc')))"],
                         cwd=cwd, capture_output=True, text=True, timeout=60, check=True)
    return eval(out.stdout.strip().splitlines()[-1])


def test_worker_help_works_and_imports_no_grpc():
    result = subprocess.run([sys.executable, "-X", "importtime", "worker.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--scheduler-only" in result.stdout
    assert not re.findall(r"\|\s+(grpc|adapters\.grpc)", result.stderr)


def test_a_started_worker_imports_no_grpc(tmp_path):
    code = f"""
import sys; sys.path.insert(0, {str(ROOT)!r})
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from bootstrap import build_app, start_workers
from bootstrap.settings import Settings
url = "sqlite:///{tmp_path / 'w.db'}"
upgrade(url)
app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "k", "s"), Keyring.generate())
start_workers(app, tick_s=0.1).stop()
"""
    assert grpc_modules_after(code, tmp_path) == []
