"""The built-in rule packs (*.toml), installed as package data of `cleanup.rules`.

This directory stays at the top of the repository, where editors look for it; the
packaging in setup.py maps it into the package so that a regular install carries it.
"""
