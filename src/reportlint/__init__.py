"""reportlint: a flake8-style linter for 政府信息公开工作年度报告 (annual reports on government information disclosure).

Plugins import :data:`hookimpl` from here; the library API is :mod:`reportlint.api`.
"""

__version__ = "0.1.0"
#: The project's home page (pyproject's ``[project.urls] Homepage``): SARIF links each built-in rule
#: to its page under it, ``docs/rules/CODE.md`` on branch main.
HOMEPAGE = "https://github.com/reportlint/reportlint"

import pluggy

#: Marker for plugin hook implementations: ``@reportlint.hookimpl``.
hookimpl = pluggy.HookimplMarker("reportlint")

__all__ = ["__version__", "HOMEPAGE", "hookimpl"]
