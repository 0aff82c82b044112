"""Reference tables generated from the code, so the docs cannot drift from it."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_postlog.config import SETTINGS
from sphinx_postlog.diagnostics import WARNING_TYPE, PostlogWarning


class _RstDirective(SphinxDirective):
    """Render generated reStructuredText."""

    def rst_lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        container = nodes.section()
        container.document = self.state.document
        source = StringList(self.rst_lines(), source="generated")
        self.state.nested_parse(source, 0, container, match_titles=True)
        return container.children


#: What changing a setting makes Sphinx do, by its ``rebuild``.
_EFFECTS = {"env": "Changing it makes Sphinx read every page again.",
            "html": "Changing it makes Sphinx write every page again.",
            "": "Builds do not use it."}


class SettingsReference(_RstDirective):
    """Every ``postlog_*`` setting with its type, default and help."""

    def rst_lines(self) -> list[str]:
        lines: list[str] = []
        for setting in SETTINGS:
            types = " or ".join("None" if t is type(None) else t.__name__
                                for t in setting.types)
            effect = setting.effect or _EFFECTS[setting.rebuild]
            lines += [
                f".. confval:: {setting.name}",
                f"   :type: ``{types}``",
                f"   :default: ``{setting.default!r}``",
                "",
                f"   {setting.help} {effect}",
                "",
            ]
        return lines


class WarningsReference(_RstDirective):
    """Every warning subtype, with what raises it."""

    def rst_lines(self) -> list[str]:
        lines = [".. list-table::", "   :header-rows: 1", "",
                 "   * - To suppress", "     - Raised by"]
        for subtype in PostlogWarning:
            lines += [f"   * - ``{WARNING_TYPE}.{subtype.value}``",
                      f"     - {subtype.description}"]
        return lines


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("postlog-settings", SettingsReference)
    app.add_directive("postlog-warnings", WarningsReference)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
