"""The rule catalogue: every rule's code, name, severity, messages and documentation.

Every plugin declares its rules through ``reportlint_rules``, the built-in ones included: each
built-in module returns the rules of its own file, ``rules/catalogue/<module>.toml``
(:func:`rules_of`), and the host's own rules (RL9xx) are ``host.toml``. The host's registry
assembles the run's catalogue (:func:`reportlint.host.registry.catalogue`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from reportlint.core.diagnostic import SEVERITIES
from reportlint.core.patterns import lazy
from reportlint.core.resources import data_dir, load_toml

CODE_RE = lazy(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = lazy(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class CatalogueError(Exception):
    pass


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    message: Mapping[str, str]
    #: Documentation: a string, or ``{"zh": …, "en": …}`` (read with :meth:`text`).
    summary: str | Mapping[str, str] = ""
    why: str | Mapping[str, str] = ""
    bad: str = ""
    good: str = ""
    fixable: bool = False
    fix_safety: str | Mapping[str, str] = ""
    #: How the rule reads the report, its data, and where it deliberately stays silent (ruff's
    #: "Known problems"): a string or ``{"zh": …, "en": …}``.
    details: str | Mapping[str, str] = ""
    plugin: str = "reportlint"
    options: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data: Mapping, plugin: str = "reportlint") -> "Rule":
        try:
            code, name, severity = data["code"], data["name"], data["severity"]
            message = data["message"]
        except KeyError as exc:
            raise CatalogueError(f"rule {data.get('code', '?')} lacks {exc.args[0]!r}") from None
        if not CODE_RE.match(code):
            raise CatalogueError(f"rule code {code!r} is not of the form ABC123")
        if not NAME_RE.match(name):
            raise CatalogueError(f"rule name {name!r} is not kebab-case")
        if severity not in SEVERITIES:
            raise CatalogueError(f"rule {code}: severity {severity!r} is not one of {SEVERITIES}")
        if isinstance(message, str):
            message = {"zh": message, "en": message}
        if "zh" not in message:
            raise CatalogueError(f"rule {code}: a Chinese message (message.zh) is required")
        known = {f for f in cls.__dataclass_fields__}
        extra = {k: v for k, v in data.items() if k in known and k not in ("code", "name", "severity", "message", "plugin")}
        return cls(code=code, name=name, severity=severity, message=dict(message), plugin=plugin, **extra)

    def format_message(self, args: Mapping, lang: str = "zh") -> str:
        """The message in ``lang``. An argument may itself be worded per language,
        ``{"zh": "为负数", "en": "is negative"}``: the message's language picks its wording."""
        template = self.message.get(lang) or self.message["zh"]
        values = {k: (v.get(lang) or v.get("zh", "")) if isinstance(v, Mapping) else v for k, v in args.items()}
        try:
            return template.format_map(_Defaulting(values))
        except (ValueError, IndexError):  # a malformed template must not crash a run
            return template


    def text(self, field: str, lang: str = "zh") -> str:
        """A documentation field (``summary``, ``why``, ``fix_safety``) in ``lang``, else in Chinese."""
        value = getattr(self, field)
        if isinstance(value, Mapping):
            return value.get(lang) or value.get("zh") or ""
        return value or ""

    def short_description(self, lang: str = "zh") -> str:
        """The summary's first sentence: one line for a rule list or SARIF's shortDescription."""
        summary = self.text("summary", lang).strip()
        match = _FIRST_SENTENCE.match(summary)
        return (match.group(0) if match else summary) or self.name

    def markdown(self, lang: str = "zh") -> str:
        """The rule's documentation page in ruff's fixed sections: one text serves
        ``reportlint rule CODE``, SARIF's rule help and the docs, so they cannot disagree."""
        what, why, details, bad, good, safety, severity, plugin, fixable, yes, no, message = _DOC_HEADINGS[lang]
        parts = [
            f"# {self.code} {self.name}",
            "",
            f"{severity}: {self.severity} · {plugin}: {self.plugin} · {fixable}: {yes if self.fixable else no}",
            "",
            f"{message}: {self.message.get(lang) or self.message['zh']}",
        ]
        sections = ((what, self.text("summary", lang), False), (why, self.text("why", lang), False),
                    (details, self.text("details", lang), False), (bad, self.bad, True), (good, self.good, True))
        for heading, body, fenced in sections:
            if body:
                parts += ["", f"## {heading}", "", f"```\n{body.strip()}\n```" if fenced else body.strip()]
        fix_safety = self.text("fix_safety", lang).strip()
        if self.fixable or fix_safety:
            parts += ["", f"## {safety}", "", fix_safety or (yes if self.fixable else no)]
        return "\n".join(parts) + "\n"


#: Up to the first full stop (Chinese or English: "." followed by a space or the end).
_FIRST_SENTENCE = lazy(r".*?(?:。|\.(?=\s|$))", re.S)

_DOC_HEADINGS = {
    "zh": ("作用", "为什么", "详细说明", "错误示例", "正确示例", "修复安全性", "严重程度", "插件", "可自动修复", "是", "否", "消息"),
    "en": ("What it does", "Why is this bad?", "How it reads the report", "Example", "Use instead", "Fix safety", "Severity",
           "Plugin", "Fixable", "yes", "no", "Message"),
}


class _Defaulting(dict):
    def __missing__(self, key):
        return "{" + key + "}"


class Catalogue:
    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self.by_code: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        if rule.code in self.by_code:
            other = self.by_code[rule.code]
            raise CatalogueError(f"rule code {rule.code} declared by both {other.plugin} and {rule.plugin}")
        if rule.name in self.by_name:
            raise CatalogueError(f"rule name {rule.name} declared twice ({self.by_name[rule.name].code}, {rule.code})")
        self.by_code[rule.code] = rule
        self.by_name[rule.name] = rule

    def get(self, code_or_name: str) -> Rule | None:
        return self.by_code.get(code_or_name.upper()) or self.by_name.get(code_or_name.lower())

    def __iter__(self):
        return iter(sorted(self.by_code.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.by_code)

    def __contains__(self, code: str) -> bool:
        return code in self.by_code

    def expand(self, selector: str) -> str:
        """Turn a rule name into its code; codes and prefixes pass through (upper-cased)."""
        rule = self.by_name.get(selector.lower())
        if rule is not None:
            return rule.code
        return selector.upper()

    def option_defaults(self) -> dict[str, object]:
        """Every rule setting the rules declare (``options`` in ``rules/catalogue/*.toml``), with its default.
        An option is declared as its default value, or as ``{default = …}`` with what a user's value
        must be (see :meth:`option_specs`)."""
        return {key: spec.get("default") for key, spec in self.option_specs().items()}

    def option_specs(self) -> dict[str, Mapping[str, object]]:
        """Every rule setting's declaration as a table: ``default``, and optionally ``pattern`` (a
        regular expression a string must match in full), ``minimum`` and ``maximum`` (a number's
        bounds, inclusive), ``month-day = true`` (an ``MM-DD`` that is a day of every year) and
        ``items`` (``"string"``: the type of a table's values or a list's items)."""
        return {
            key: dict(spec) if isinstance(spec, Mapping) and "default" in spec else {"default": spec}
            for rule in self.by_code.values()
            for key, spec in rule.options.items()
        }

    def is_known_selector(self, selector: str) -> bool:
        sel = self.expand(selector)
        return sel == "ALL" or any(code.startswith(sel) for code in self.by_code)


@functools.cache
def rules_of(concern: str) -> tuple[Rule, ...]:
    """The rules of ``rules/catalogue/<concern>.toml``: what the built-in module of that name
    declares through ``reportlint_rules`` (``host``: the host's own, RL9xx)."""
    return tuple(Rule.from_mapping(entry) for entry in load_toml(data_dir("rules") / "catalogue" / f"{concern}.toml").get("rule", []))
