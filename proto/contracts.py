"""Check the proto contract with the Buf CLI (``buf-bin``): lint, and breaking changes.

Usage (from the repository root; ``make test`` runs both)::

    python -m proto.contracts lint                  # buf lint with proto/buf.yaml
    python -m proto.contracts breaking              # buf breaking against the previous contract
    python -m proto.contracts breaking --against REF

Without ``--against``, the previous contract is ``HEAD~1`` when HEAD is main's tip, and the
commit where this branch left main otherwise. A clone without that commit (shallow, or a
single commit) has nothing to compare with: the check says so and passes.

Buf resolves imports within its workspace, and the Buf registry is not used: each check lays
out a scratch workspace with ``proto/buf.yaml``, our ``erp/`` files and the ``google/`` files
they import, taken from googleapis-common-protos (``operations.proto`` under its real name, as
in ``proto.generate``). Lint checks only ``erp/``; both sides of breaking get the same google/
files, so only ``erp/`` can differ.
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from proto.generate import PROTO_DIRS, PROTO_ROOT, ROOT, googleapis_root

CONFIG = "buf.yaml"
_IMPORT = re.compile(r'^import\s+(?:public\s+|weak\s+)?"([^"]+)";', re.M)
# googleapis-common-protos ships google/longrunning/operations.proto under another name.
_RENAMED = {"google/longrunning/operations.proto": "google/longrunning/operations_proto.proto"}


def buf() -> str:
    """The buf executable installed by buf-bin beside this Python, else the one on PATH."""
    beside = Path(sys.executable).parent / "buf"
    found = str(beside) if beside.exists() else shutil.which("buf")
    if not found:
        raise SystemExit("buf not found: install the dev extra (`pip install -e '.[dev]'`, buf-bin)")
    return found


def lay_out(proto_root: Path, dest: Path) -> Path:
    """Copy ``proto_root``'s ``erp/`` and ``buf.yaml``, and the google/ files they import, to ``dest``."""
    for directory in {d.split("/")[0] for d in PROTO_DIRS}:
        if (proto_root / directory).exists():
            shutil.copytree(proto_root / directory, dest / directory)
    shutil.copyfile(PROTO_ROOT / CONFIG, dest / CONFIG)
    pending = [p for p in dest.rglob("*.proto")]
    googleapis = googleapis_root()
    while pending:
        for name in _IMPORT.findall(pending.pop().read_text()):
            target = dest / name
            # google/protobuf/* are built into buf; our own files are already there.
            if name.startswith("google/protobuf/") or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(googleapis / _RENAMED.get(name, name), target)
            pending.append(target)
    return dest


def run_buf(workspace: Path, *args: str) -> int:
    """Run buf on ``workspace`` (its own directory, so `--path erp` is inside the context)."""
    return subprocess.run([buf(), *args], cwd=workspace, check=False).returncode


def lint(proto_root: Path = PROTO_ROOT) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        workspace = lay_out(proto_root, Path(tmp))
        return run_buf(workspace, "lint", ".", "--path", "erp")


def breaking(proto_root: Path, against_root: Path) -> int:
    """buf breaking of the contract in ``proto_root`` against the one in ``against_root``."""
    with tempfile.TemporaryDirectory() as tmp:
        now = lay_out(proto_root, Path(tmp) / "now")
        before = lay_out(against_root, Path(tmp) / "before")
        # Both sides get the same google/ files, so comparing them too never reports a change.
        return run_buf(now, "breaking", ".", "--against", str(before))


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=False)


def _commit(ref: str) -> str | None:
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return found.stdout.decode().strip() if found.returncode == 0 else None


def default_against() -> str:
    """HEAD~1 on main's tip (or without a main), else where this branch left main."""
    head, main = _commit("HEAD"), _commit("main")
    if main is None or head == main:
        return "HEAD~1"
    base = _git("merge-base", "HEAD", "main")
    return base.stdout.decode().strip() if base.returncode == 0 else "HEAD~1"


def breaking_against_git(ref: str) -> int:
    commit = _commit(ref)
    if commit is None:
        print(f"buf breaking skipped: {ref} is not in this clone (a shallow clone, or its first "
              "commit), so there is no previous contract to compare with", file=sys.stderr)
        return 0
    archive = _git("archive", "--format=tar", commit, "proto")
    if archive.returncode != 0:
        print(f"buf breaking skipped: {ref} ({commit[:12]}) has no proto/ directory", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        print(f"buf breaking against {ref} ({commit[:12]})", file=sys.stderr)
        return breaking(PROTO_ROOT, Path(tmp) / "proto")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("check", choices=["lint", "breaking"])
    parser.add_argument("--against", help="the git commit or branch to compare with (breaking)")
    args = parser.parse_args(argv)
    if args.check == "lint":
        return lint()
    return breaking_against_git(args.against or default_against())


if __name__ == "__main__":
    sys.exit(main())
