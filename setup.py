"""Packaging that pyproject.toml alone cannot express: rule packs ship inside the package.

The packs live in rules/ at the top of the repository, where editors find them; an
installed cleanup reads them as the package `cleanup.rules`. setuptools cannot combine
automatic package discovery with a mapped directory in pyproject.toml, so the list of
packages is built here.
"""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["cleanup", "cleanup.*"]) + ["cleanup.rules"],
    package_dir={"cleanup.rules": "rules"},
    package_data={"cleanup.rules": ["*.toml"], "cleanup.server": ["static/*"]},
)
