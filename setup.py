"""Packaging that pyproject.toml alone cannot express: rule packs ship inside the package,
and the native core is built from native/.

The packs live in rules/ at the top of the repository, where editors find them; an
installed cleanup reads them as the package `cleanup.rules`. setuptools cannot combine
automatic package discovery with a mapped directory in pyproject.toml, so the list of
packages is built here. The native core (Rust, through PyO3) becomes `cleanup._native`;
its character tables are taken from the Python that builds it (native/gen_*.py), so that
it reads text as that Python does.
"""

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools_rust import Binding, RustExtension

sys.path.insert(0, str(Path(__file__).resolve().parent / "native"))
import gen_fold  # noqa: E402
import gen_pychars  # noqa: E402

for generator in (gen_pychars, gen_fold):
    if generator.stale():
        generator.main()

setup(
    packages=find_packages(include=["cleanup", "cleanup.*"]) + ["cleanup.rules"],
    package_dir={"cleanup.rules": "rules"},
    package_data={"cleanup.rules": ["*.toml"], "cleanup.server": ["static/*"]},
    rust_extensions=[RustExtension("cleanup._native", "native/Cargo.toml", binding=Binding.PyO3,
                                  debug=False)],   # optimised in editable installs too
    zip_safe=False,
)
