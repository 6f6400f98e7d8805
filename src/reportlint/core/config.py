"""The settings of a run as every plugin sees them: one frozen :class:`Config`.

Every check, digest, run-level check and formatter is handed the run's Config. It lives here, at
the bottom, so that the layers below the host can name its type and ask it (``config.setting``,
``config.selected``) without importing the host. Reading it from a config file and the command
line, and checking every value, is the host's (:mod:`reportlint.host.config`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from reportlint.core.limits import Limits
from reportlint.core.selection import decision

#: The suffixes walked in folders unless the ``extensions`` setting says otherwise.
DEFAULT_EXTENSIONS = (".txt", ".md", ".docx", ".html", ".htm", ".pdf")


@dataclass(frozen=True)
class Config:
    """Everything a run, a rule or a formatter may ask about the user's wishes.

    Frozen and made of plain values so that it pickles into worker processes unchanged. The fields
    are the settings of :data:`reportlint.host.settings.SETTINGS` (limits gathered in ``limits``),
    which the host reads and checks (:func:`reportlint.host.config.load_config`); a Config made in
    code is checked by the library API before it is used.
    """

    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, selectors)
    exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    format: str = "text"
    output: str | None = None
    statistics: bool = False
    show_source: bool = False
    fix: bool = False
    fix_links: bool = False  # --fix replaces a symlink's target and splits a hard link
    diff: bool = False
    fail_on: str = "error"
    jobs: int = 1
    dask: str | None = None  # a Dask scheduler's address, or "local"
    lang: str = "zh"
    quiet: bool = False
    verbose: bool = False
    baseline: str | None = None
    cache: bool = True
    cache_dir: str | None = None  # None: $REPORTLINT_CACHE_DIR, else .reportlint_cache beside the config file
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    limits: Limits = Limits()
    #: Rule settings (``department-deadline = "01-31"``): the user's over the rules' defaults.
    settings: Mapping[str, Any] = field(default_factory=dict)
    #: ``[tool.reportlint.<plugin>]`` tables merged over the plugin's declared defaults.
    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    #: Directory that relative globs (per-file-ignores, exclude) are matched from.
    root: str = "."
    config_file: str | None = None
    #: ``reportlint serve``: where it listens, and what one upload may be.
    host: str = "127.0.0.1"
    port: int = 8000
    max_files: int = 20
    max_upload_bytes: int = 64 * 1024 * 1024
    upload_timeout: float = 60.0
    #: For ``reportlint review``: positions in the document's extracted lines and fixes for every
    #: format (the reviewed copy is edited through the document, not the file's bytes).
    review: bool = False

    def setting(self, key: str, default: Any = None) -> Any:
        """A rule setting (the host fills in the rules' defaults before checks run)."""
        return self.settings.get(key, default)

    def selected(self, code: str) -> bool:
        """Whether the run reports ``code`` (select/ignore; per-file ignores aside): a plugin may skip
        the work of rules nobody asked for."""
        return decision(tuple(self.select), tuple(self.ignore), tuple(self.extend_select)).decide(code)

    def plugin_options(self, name: str) -> Mapping[str, Any]:
        """The options of plugin ``name`` (its entry-point name): declared defaults, then the user's table."""
        return self.plugins.get(name, {})

    @property
    def keeps_source(self) -> bool:
        """Whether results carry the report's lines and table cells (--show-source, the HTML page)."""
        return self.show_source or self.format == "html"
