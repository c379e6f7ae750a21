"""Names a sub-package exports without importing their module before first use (PEP 562).

`pipelines.dedup` and `pipelines.store` export names that need sqlite-utils beside names that do
not (fingerprints, search words); a cleaning worker and `fanwen clean` import only the latter.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping


def load(package: str, modules: Mapping[str, str], name: str) -> object:
    """`name` from the module of `package` that `modules` gives for it; AttributeError for a
    name not there, as for any missing attribute."""
    module = modules.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{package}.{module}"), name)
