"""The Markdown extensions a map is converted with: the site's own, minus those that read files or run code.

A map comes from anyone's pull request; a hand-written page of the site does not. Extensions that
read files (an include, an embedded image read from disk) would let a map publish any file of the
checkout, `.git/config` and its token, or the raw text of another map with the personal data the
site leaves out; extensions that run code would run it on the build machine. They are left out
by name, a deny-list rather than an allow-list: every other extension (admonitions, tables, tabs,
emoji, ...) only changes how text already in the map is shown, and sites rely on theirs.

Include directives (`--8<--`, `{! file !}`) are reported at their line by the reader (body.py),
whatever the site's extensions, so `check` and the build say the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

READS_FILES_OR_RUNS_CODE: Mapping[str, str] = {
    "pymdownx.snippets": "includes files (--8<--)",
    "pymdownx.b64": "reads image files from disk into the page",
    "markdown_include": "includes files ({!file!})",
    "mdx_include": "includes files and web addresses ({! file !})",
    "markdown_exec": "runs the code blocks of a page",
    "plantuml_markdown": "runs PlantUML, which reads files (!include)",
    "markdown_inline_graphviz": "runs Graphviz",
    "mdx_graphviz": "runs Graphviz",
    "mkdocs_graphviz": "runs Graphviz",
    "markdown_katex": "runs a program (KaTeX) on the page's text",
}
"""Extension modules (and their submodules) left out of a map's conversion, with the reason."""

_HARMLESS_FENCE_FORMATTERS = ("pymdownx.",)
"""Custom fences of pymdownx.superfences whose formatter comes from here only show text (mermaid, ...);
other formatters (markdown-exec's, ...) may run the fenced code, so those fences are left out."""


def for_maps(
    extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Any], dict[str, dict[str, Any]], list[str]]:
    """The extensions and their configs for converting maps, and what was left out (for the log)."""
    kept: list[Any] = []
    left_out: list[str] = []
    for extension in extensions:
        name = extension if isinstance(extension, str) else type(extension).__module__
        module = name.split(":", 1)[0]
        reason = next(
            (
                why
                for denied, why in READS_FILES_OR_RUNS_CODE.items()
                if module == denied or module.startswith(denied + ".")
            ),
            None,
        )
        if reason is None:
            kept.append(extension)
        else:
            left_out.append(f"{name} ({reason})")
    kept_configs = {name: dict(config) for name, config in configs.items() if name in kept}
    fences = kept_configs.get("pymdownx.superfences", {}).get("custom_fences")
    if fences:
        harmless = [fence for fence in fences if _is_harmless_fence(fence)]
        left_out += [
            f"pymdownx.superfences custom fence '{fence.get('name')}' (may run code)"
            for fence in fences
            if fence not in harmless
        ]
        kept_configs["pymdownx.superfences"]["custom_fences"] = harmless
    return kept, kept_configs, left_out


def _is_harmless_fence(fence: Mapping[str, Any]) -> bool:
    functions = [fence.get("format"), fence.get("validator")]
    return all(
        function is None or getattr(function, "__module__", "").startswith(_HARMLESS_FENCE_FORMATTERS)
        for function in functions
    )
