"""Package the top-level `sources.toml` and `claims/` as data inside `factcheck`.

The repository keeps the reference data at the top level where editors find
it; an installed copy needs it inside the package so that the default
sources resolve from any working directory.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithDefaultSources(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).parent
        target = Path(self.build_lib) / "factcheck" / "data"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(root / "claims", target / "claims")
        shutil.copy2(root / "sources.toml", target / "sources.toml")


setup(cmdclass={"build_py": BuildWithDefaultSources})
