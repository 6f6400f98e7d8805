"""The ``reportlint`` command.

``reportlint [PATH...]`` lints (the default command, also reachable as ``reportlint check``);
``reportlint rules``, ``reportlint rule CODE|NAME``, ``reportlint extract FILE...``, ``reportlint
review FILE...`` and ``reportlint serve`` are subcommands. A path that happens to be named like a subcommand is linted as ``./rules`` or with
``reportlint check rules``.

Exit status: 0 nothing at or above ``--fail-on``; 1 findings; 2 a usage or configuration error,
or a crash (reported in one line on stderr; ``REPORTLINT_DEBUG=1`` shows the traceback).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Sequence

import click

from reportlint import __version__, app
from reportlint.core.catalogue import CatalogueError
from reportlint.core.config import Config
from reportlint.core.limits import Limits
from reportlint.core.patterns import lazy
from reportlint.host import registry
from reportlint.host.config import ConfigError, load_config
from reportlint.host.settings import LANGS, SETTINGS, Setting, cli_value, multiple, suggest


class ReportlintGroup(click.Group):
    """A group whose default command is ``check``: ``reportlint PATH`` means ``reportlint check PATH``."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = _lang_after_command(args, self.commands)
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def _lang_after_command(args: list[str], commands) -> list[str]:
    """``reportlint --lang en rule RL301`` means ``reportlint rule RL301 --lang en``: every command
    takes ``--lang``, so it may stand before the command's name as well."""
    lead: list[str] = []
    rest = list(args)
    while rest:
        if rest[0] == "--lang" and len(rest) > 1:
            lead += rest[:2]
            rest = rest[2:]
        elif rest[0].startswith("--lang="):
            lead.append(rest.pop(0))
        else:
            break
    if lead and rest and rest[0] in commands:
        return [rest[0], *lead, *rest[1:]]
    return args


@click.group(cls=ReportlintGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="reportlint", message="%(prog)s %(version)s")
def cli() -> None:
    """Lint 政府信息公开工作年度报告 (annual reports on government information disclosure).

    Run `reportlint PATH...` to lint (see `reportlint check --help` for its options).
    """


def _option(setting: Setting) -> click.Option:
    """The command-line option of a setting, from its declaration in :data:`SETTINGS`."""
    names = list(setting.cli)
    kwargs: dict = {"help": setting.help, "metavar": setting.metavar}
    if multiple(setting):
        kwargs["multiple"] = True
    elif setting.kind == "bool":
        if setting.negatable:
            names[-1] = f"{names[-1]}/--no-{names[-1][2:]}"
        else:
            kwargs["is_flag"] = True
        kwargs["default"] = None
    elif setting.kind == "choice":
        kwargs["type"] = click.Choice(setting.choices)
        kwargs.pop("metavar")
    elif setting.kind == "path":
        kwargs["type"] = click.Path(dir_okay=False)
    elif setting.kind == "output":
        kwargs["type"] = click.Path()  # a file, or a folder for a format that writes one
    elif setting.kind == "directory":
        kwargs["type"] = click.Path(file_okay=False)
    elif setting.kind == "limit":
        kwargs["type"] = type(getattr(Limits(), setting.field))
    elif setting.kind == "number":
        kwargs["type"] = type(getattr(Config(), setting.field))
    return click.Option([*names, setting.field], **kwargs)


def _with_settings(name: str):
    """Add to command ``name`` an option for every setting the command line offers it (in SETTINGS order)."""

    def add(command):
        for setting in reversed(SETTINGS):
            if setting.cli and name in setting.commands:
                command.params.insert(1, _option(setting))
        return command

    return add


def _overrides(options: dict, name: str) -> dict:
    """The settings given on command ``name``'s line, keyed as in the config file."""
    return {s.key: cli_value(s, options[s.field]) for s in SETTINGS if s.cli and name in s.commands}


@_with_settings("check")
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from FILE instead of discovering one.")
def check(paths, config_file, **options) -> int:
    """Lint reports: files, or directories walked for .txt .md .docx .html .htm .pdf (default: .)."""
    paths = list(paths) or ["."]
    _warn_plugin_errors(options.get("lang") or "zh")
    config = load_config(paths, config_file, _overrides(options, "check"))
    return app.lint(paths, config)


@_with_settings("serve")
@cli.command()
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from FILE instead of discovering one (from the current folder).")
def serve(config_file, **options) -> int:
    """Serve a web page where reports are uploaded and checked, and their reviewed Word copies
    downloaded (needs reportlint[serve]). Nothing uploaded is kept."""
    _warn_plugin_errors(options.get("lang") or "zh")
    config = load_config(["."], config_file, _overrides(options, "serve"))
    return app.serve(config)


_LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="Language of the output (default: zh).")


@cli.command()
@_LANG
def rules(lang: str) -> int:
    """List every rule: code, name, severity, fixable, plugin, summary."""
    _warn_plugin_errors(lang)
    catalogue = list(registry.catalogue())
    header = ("code", "name", "severity", "fixable", "plugin", "summary")
    yes = "yes" if lang == "en" else "是"
    rows = [(r.code, r.name, r.severity, yes if r.fixable else "", r.plugin, r.short_description(lang)) for r in catalogue]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header) - 1)] + [0]
    for row in [header, *rows]:
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
    return app.EXIT_OK


@cli.command()
@click.argument("code_or_name")
@_LANG
def rule(code_or_name: str, lang: str) -> int:
    """Show a rule's documentation: what it does, why, a bad and a good example, fix safety."""
    catalogue = registry.catalogue()
    found = catalogue.get(code_or_name)
    if found is None:
        close = suggest(code_or_name, [*catalogue.by_name, *catalogue.by_code])
        if lang == "en":
            raise click.UsageError(f"no rule {code_or_name!r}{close.en} (see `reportlint rules`)")
        raise click.UsageError(f"没有规则 {code_or_name!r}{close.zh}（全部规则见 `reportlint rules`）")
    click.echo(found.markdown(lang), nl=False)
    return app.EXIT_OK


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "format_", type=click.Choice(["json", "csv"]), default="json", help="json: the model (schemas/extract.schema.json); csv: one table cell per row.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE instead of stdout.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings (limits) from FILE.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, help="Language of what is said on stderr (default: the config file's, else zh).")
@click.option("--bom", is_flag=True, help="Start the output with a UTF-8 byte order mark, so that Excel on Chinese Windows reads the CSV right.")
def extract(paths, format_: str, output: str | None, config_file: str | None, lang: str | None, bom: bool) -> int:
    """Print what the reader and parser recovered: title, year, agency, template, sections, table cells."""
    config = load_config(list(paths), config_file, {"lang": lang} if lang else None)
    return app.extract(list(paths), config, format_, output, bom=bom)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="Write the reviewed copy to FILE (one report) or into DIR (several); default: NAME.reviewed.docx beside each report.")
@click.option("--select", "select", metavar="CODES", help="Only these codes, prefixes or rule names.")
@click.option("--ignore", "ignore", metavar="CODES", help="Never these codes, prefixes or names.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Read settings from FILE instead of discovering one.")
@_LANG
def review(paths, output: str | None, select: str | None, ignore: str | None, config_file: str | None, lang: str) -> int:
    """Write a reviewed Word copy of each report: a comment per finding, each fix a tracked change."""
    _warn_plugin_errors(lang)
    overrides = {"lang": lang, **({"select": select} if select else {}), **({"ignore": ignore} if ignore else {})}
    config = load_config(list(paths), config_file, overrides)
    return app.review(list(paths), config, output)


def _warn_plugin_errors(lang: str = "zh") -> None:
    for plugin, error in registry.load_errors():
        if lang == "en":
            click.echo(f"reportlint: warning: plugin {plugin} could not be loaded: {error}", err=True)
        else:
            click.echo(f"reportlint: 警告：插件 {plugin} 无法加载：{error}", err=True)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: run the command, map every outcome to an exit status.

    What goes wrong is said in the run's language: ``--lang`` as given, else the config file's
    ``lang`` (known once it is read), else Chinese.
    (A closed output pipe, ``reportlint ... | head``, is handled by click itself: it exits 1 quietly.)
    """
    args = list(argv) if argv is not None else sys.argv[1:]
    lang = _requested_lang(args)
    en = lang == "en"
    try:
        status = cli.main(args=args, prog_name="reportlint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        status = exc.exit_code
    except click.ClickException as exc:
        if en:
            exc.show()
        else:
            _show_in_chinese(exc)
        status = app.EXIT_ERROR
    except ConfigError as exc:
        said = exc.lang or lang
        click.echo(f"reportlint: error: {exc.text('en')}" if said == "en" else f"reportlint: 错误：{exc.text('zh')}", err=True)
        status = app.EXIT_ERROR
    except CatalogueError as exc:  # a plugin's rule declarations: its author's words, in a sentence of ours
        click.echo(f"reportlint: error: {exc}" if en else f"reportlint: 错误：{exc}", err=True)
        status = app.EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("reportlint: aborted" if en else "reportlint: 已中止", err=True)
        status = app.EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("reportlint: interrupted" if en else "reportlint: 已中断", err=True)
        status = 130
    except Exception as exc:  # a crash is exit 2 with one line, not a traceback
        if os.environ.get("REPORTLINT_DEBUG"):
            raise
        if en:
            click.echo(f"reportlint: internal error: {type(exc).__name__}: {exc} (set REPORTLINT_DEBUG=1 for a traceback)", err=True)
        else:
            click.echo(f"reportlint: 内部错误：{type(exc).__name__}: {exc}（设置 REPORTLINT_DEBUG=1 可显示调用栈）", err=True)
        status = app.EXIT_ERROR
    sys.exit(status if isinstance(status, int) else app.EXIT_OK)


def _requested_lang(args: Sequence[str]) -> str:
    """The ``--lang`` of a command line, read before click parses it (a usage error has no options)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = args[i + 1] if arg == "--lang" and i + 1 < len(args) else arg[len("--lang="):] if arg.startswith("--lang=") else None
        if value in LANGS:
            return value
    return "zh"


def _show_in_chinese(exc: click.ClickException) -> None:
    """click's usage errors (it words them in English) said in Chinese: the usage line, where to find
    help, and what is wrong."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        click.echo("用法：" + ctx.get_usage().split(":", 1)[-1].strip(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            click.echo(f"运行 '{ctx.command_path} {ctx.help_option_names[-1]}' 查看帮助。", err=True)
        click.echo("", err=True)
    click.echo(f"错误：{_click_message_in_chinese(exc)}", err=True)


#: click's own sentences (click 8) and theirs in Chinese.
_CLICK_REASONS = (
    (lazy(r"^(.+) is not one of (.+)\.$", re.S), r"\1 不是可选的值（\2）之一"),
    (lazy(r"^(.+) is not a valid integer( range)?\.$", re.S), r"\1 不是有效的整数"),
    (lazy(r"^(.+) is not a valid float( range)?\.$", re.S), r"\1 不是有效的数字"),
    (lazy(r"^(.+) is not in the range (.+)\.$", re.S), r"\1 不在 \2 范围内"),
    (lazy(r"^(?:Path|File|Directory) (.+) does not exist\.$", re.S), r"\1 不存在"),
    (lazy(r"^(?:Path|File) (.+) is a directory\.$", re.S), r"\1 是文件夹"),
    (lazy(r"^Directory (.+) is a file\.$", re.S), r"\1 是文件，不是文件夹"),
    (lazy(r"^(?:Path|File|Directory) (.+) is not (readable|writable)\.$", re.S), r"\1 无法读写"),
)


def _click_message_in_chinese(exc: click.ClickException) -> str:
    message = exc.format_message()
    if isinstance(exc, click.NoSuchOption):
        close = "、".join(sorted(exc.possibilities or ()))
        return f"没有选项 {exc.option_name}" + (f"（是否想用 {close}？）" if close else "")
    if isinstance(exc, click.BadOptionUsage) and "requires" in exc.message:
        return f"选项 {exc.option_name} 后面需要一个值"
    if isinstance(exc, click.MissingParameter):
        missing = re.match(r"Missing (argument|option|parameter) (.+?)\.?$", message)
        if missing:
            return f"缺少{'参数' if missing.group(1) != 'option' else '选项'} {missing.group(2)}"
    if isinstance(exc, click.BadParameter):
        invalid = re.match(r"Invalid value for (.+?): (.*)$", message, re.S)
        if invalid:
            reason = invalid.group(2)
            for pattern, chinese in _CLICK_REASONS:
                if pattern.match(reason):
                    reason = pattern.sub(chinese, reason)
                    break
            return f"{invalid.group(1)} 的值无效：{reason}"
    extra = re.match(r"Got unexpected extra arguments? \((.*)\)$", message, re.S)
    if extra:
        return f"多余的参数：{extra.group(1)}"
    return message
