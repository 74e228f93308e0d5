"""The installed package, not the source tree: a wheel must carry its default sources.

A wheel is built from a copy of the project (so that no `build/` directory is
left in, or reused from, the work tree), installed with `pip --target` into a
temporary directory, and used from an empty working directory with only that
directory on PYTHONPATH in front of the environment's own packages.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from factcheck.pipeline import packaged_sources
from factcheck.reporting import validate_report
from factcheck.sources import load_config
from tests.conftest import EXAMPLE, ROOT

pytestmark = pytest.mark.slow

# What a wheel is built from; tests, caches and build leftovers stay out.
_NOT_BUILT = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", "tests"
)
_INSPECT = """
import json
import factcheck
from factcheck.pipeline import packaged_sources
from factcheck.sources import load_config
path = packaged_sources()
print(json.dumps({
    "package": factcheck.__file__,
    "sources": str(path),
    "names": [spec.name for spec in load_config(path).sources],
}))
"""
_RUN_CLI = "from factcheck.cli import main; main()"


@dataclass(frozen=True)
class Installed:
    site: Path
    empty: Path

    def python(
        self, args: Sequence[str], cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "FACTCHECK_SOURCES"}
        env["PYTHONPATH"] = str(self.site)
        return subprocess.run(
            [sys.executable, *args],
            cwd=cwd or self.empty,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )


def _run(args: Sequence[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-25:])
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{tail}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("packaging")
    source = base / "src"
    shutil.copytree(ROOT, source, ignore=_NOT_BUILT)
    pip = [sys.executable, "-m", "pip"]
    quiet = ["--quiet", "--disable-pip-version-check", "--no-index"]
    _run([*pip, "wheel", *quiet, "--no-deps", "--no-build-isolation", "-w", str(base), str(source)])
    wheels = sorted(base.glob("*.whl"))
    assert len(wheels) == 1, wheels
    site = base / "site"
    _run([*pip, "install", *quiet, "--no-deps", "--target", str(site), str(wheels[0])])
    empty = base / "empty"
    empty.mkdir()
    return Installed(site=site, empty=empty)


def test_default_sources_are_packaged(installed: Installed) -> None:
    done = installed.python(["-c", _INSPECT])
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert Path(found["package"]).is_relative_to(installed.site)
    assert Path(found["sources"]).is_relative_to(installed.site)
    assert Path(found["sources"]).is_file()
    assert found["names"] == [spec.name for spec in load_config(packaged_sources()).sources]


def test_installed_cli_checks_the_example(installed: Installed, tmp_path: Path) -> None:
    article = shutil.copy(EXAMPLE, tmp_path / "article.txt")
    args = [str(article), "--published", "2023-07-04", "--format", "json"]
    done = installed.python(["-c", _RUN_CLI, *args])
    assert done.returncode == 0, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    validate_report(report)
    default = [spec.name for spec in load_config(packaged_sources()).sources]
    assert [source["name"] for source in report["sources"]] == default
    assert all(source["status"] == "ok" for source in report["sources"]), report["sources"]
    assert report["claims"]


def _version(command: Sequence[str]) -> str:
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, encoding="utf-8"
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cli_py_and_console_script_agree_on_the_version() -> None:
    from factcheck import __version__

    script = _version([sys.executable, "cli.py", "--version"])
    console = _version([str(Path(sys.executable).with_name("factcheck")), "--version"])
    assert script == console
    assert __version__ in script
