"""The ``reportlint`` command.

``reportlint [PATH...]`` lints (the default command, also reachable as ``reportlint check``);
``reportlint rules``, ``reportlint rule CODE|NAME`` and ``reportlint extract FILE...`` are
subcommands. A path that happens to be named like a subcommand is linted as ``./rules`` or with
``reportlint check rules``.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings; 2 a usage or configuration error,
or a crash (reported in one line on stderr; ``REPORTLINT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import os
import sys
from typing import Sequence

import click

from reportlint import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class ReportlintGroup(click.Group):
    """A group whose default command is ``check``: ``reportlint PATH`` means ``reportlint check PATH``."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _csv(values: Sequence[str]) -> list[str] | None:
    """``--select RL1,RL2 --select RL3`` -> ``[RL1, RL2, RL3]``; ``None`` when not given."""
    if not values:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


@click.group(cls=ReportlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reportlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint 政府信息公开工作年度报告 (annual reports on government information disclosure).

    Run `reportlint PATH...` to lint (see `reportlint check --help` for its options).
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes, prefixes (RL3) or rule names; comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Never these codes, prefixes or names.")
@click.option("--extend-select", multiple=True, metavar="CODES", help="Add to the selection (of the config file, or all rules).")
@click.option("--per-file-ignores", multiple=True, metavar="GLOB:CODES", help="Ignore codes in matching files, e.g. 'old/*.txt:RL4,RL5'.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Skip matching files and folders when walking directories.")
@click.option("--format", "format_", metavar="NAME", help="Output format: text (default), json, sarif, github, junit, html, or a plugin's.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the output to FILE instead of stdout.")
@click.option("--statistics/--no-statistics", default=None, help="Count findings per code (text format).")
@click.option("--show-source/--no-show-source", default=None, help="Show each finding's line with a caret (text format).")
@click.option("--fix", is_flag=True, default=None, help="Apply fixes to .txt/.md reports, then report what remains.")
@click.option("--fix-links", is_flag=True, default=None, help="With --fix: replace a symbolic link's target, split a hard link (left alone otherwise).")
@click.option("--diff", is_flag=True, default=None, help="Print the fixes as a unified diff; write nothing.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails the run (default: error).")
@click.option("-j", "--jobs", metavar="N|auto", help="Worker processes (0 or auto: one per CPU).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from FILE instead of discovering one.")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the messages (default: zh).")
@click.option("-q", "--quiet", is_flag=True, default=None, help="Only the findings: no summary line, no progress bar.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only findings absent from FILE (an earlier --format json output).")
@click.option("--max-bytes", type=int, help="Largest file read, in bytes (larger: RL901).")
@click.option("--timeout", type=float, help="Seconds one file may take (longer: RL901).")
def check(paths, select, ignore, extend_select, per_file_ignores, exclude, format_, output, statistics, show_source,
          fix, fix_links, diff, fail_on, jobs, config_file, lang, quiet, baseline, max_bytes, timeout) -> int:
    """Lint reports: files, or directories walked for .txt .md .docx .html .htm .pdf (default: .)."""
    from reportlint.config import load_config, parse_per_file_ignores

    paths = list(paths) or ["."]
    overrides = {
        "select": _csv(select),
        "ignore": _csv(ignore),
        "extend-select": _csv(extend_select),
        "per-file-ignores": [pair for text in per_file_ignores for pair in parse_per_file_ignores(text)] or None,
        "exclude": list(exclude) or None,
        "format": format_,
        "output": output,
        "statistics": statistics,
        "show-source": show_source,
        "fix": fix,
        "fix-links": fix_links,
        "diff": diff,
        "fail-on": fail_on,
        "jobs": jobs,
        "lang": lang,
        "quiet": quiet,
        "baseline": baseline,
        "max-bytes": max_bytes,
        "timeout": timeout,
    }
    _warn_plugin_errors()
    config = load_config(paths, config_file, overrides)
    from reportlint import application

    return application.lint(paths, config)


@cli.command()
def rules() -> int:
    """List every rule: code, name, severity, fixable, plugin."""
    from reportlint.catalogue import get_catalogue

    _warn_plugin_errors()
    catalogue = list(get_catalogue())
    header = ("code", "name", "severity", "fixable", "plugin")
    rows = [(r.code, r.name, r.severity, "yes" if r.fixable else "", r.plugin) for r in catalogue]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return EXIT_OK


@cli.command()
@click.argument("code_or_name")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="Language of the headings and message.")
def rule(code_or_name: str, lang: str) -> int:
    """Show a rule's documentation: what it does, why, a bad and a good example, fix safety."""
    from reportlint.catalogue import get_catalogue
    from reportlint.docs import rule_markdown

    found = get_catalogue().get(code_or_name)
    if found is None:
        raise click.UsageError(f"no rule {code_or_name!r} (see `reportlint rules`)")
    click.echo(rule_markdown(found, lang), nl=False)
    return EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "format_", type=click.Choice(["json", "csv"]), default="json", help="json: the model (schemas/extract.schema.json); csv: one table cell per row.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings (limits) from FILE.")
def extract(paths, format_: str, output: str | None, config_file: str | None) -> int:
    """Print what the reader and parser recovered: title, year, agency, template, sections, table cells."""
    from reportlint import application
    from reportlint.config import load_config

    config = load_config(list(paths), config_file)
    return application.extract(list(paths), config, format_, output)


def _warn_plugin_errors() -> None:
    from reportlint.plugins import get_plugin_manager

    for plugin, error in get_plugin_manager().load_errors:
        click.echo(f"reportlint: warning: plugin {plugin} could not be loaded: {error}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the command, map every outcome to an exit status.

    (A closed output pipe, ``reportlint ... | head``, is handled by click itself: it exits 1 quietly.)
    """
    from reportlint.catalogue import CatalogueError
    from reportlint.config import ConfigError

    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="reportlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        status = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        status = EXIT_ERROR
    except (ConfigError, CatalogueError) as exc:
        click.echo(f"reportlint: error: {exc}", err=True)
        status = EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("reportlint: aborted", err=True)
        status = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("reportlint: interrupted", err=True)
        status = 130
    except Exception as exc:  # a crash is exit 2 with one line, not a traceback
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        click.echo(f"reportlint: internal error: {type(exc).__name__}: {exc} (set REPORTLINT_DEBUG=1 for a traceback)", err=True)
        status = EXIT_ERROR
    sys.exit(status if isinstance(status, int) else EXIT_OK)
