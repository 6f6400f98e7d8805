"""reportlint: a flake8-style linter for 政府信息公开工作年度报告 (annual reports on government information disclosure)."""

__version__ = "0.1.0"

import pluggy

#: Marker for plugin hook implementations: ``@reportlint.hookimpl``.
hookimpl = pluggy.HookimplMarker("reportlint")

__all__ = ["__version__", "hookimpl", "lint_paths", "lint_bytes"]


def __getattr__(name):
    # The library API lives in api.py; importing it lazily keeps `import reportlint` cheap for plugins.
    if name in ("lint_paths", "lint_bytes"):
        from reportlint import api

        return getattr(api, name)
    raise AttributeError(name)
