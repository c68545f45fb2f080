"""Packaging that pyproject.toml alone cannot express: rule packs ship inside the package,
and the native core is built from native/.

The packs live in rules/ at the top of the repository, where editors find them; an
installed cleanup reads them as the package `cleanup.rules`. setuptools cannot combine
automatic package discovery with a mapped directory in pyproject.toml, so the list of
packages is built here. The native core (Rust, through PyO3) becomes `cleanup._native`.
"""

from setuptools import find_packages, setup
from setuptools_rust import Binding, RustExtension

setup(
    packages=find_packages(include=["cleanup", "cleanup.*"]) + ["cleanup.rules"],
    package_dir={"cleanup.rules": "rules"},
    package_data={"cleanup.rules": ["*.toml"], "cleanup.server": ["static/*"]},
    rust_extensions=[RustExtension("cleanup._native", "native/Cargo.toml", binding=Binding.PyO3,
                                  debug=False)],   # optimised in editable installs too
    zip_safe=False,
)
