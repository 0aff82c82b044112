"""ABlog's ``{post}`` and ``{update}`` directives: what they say about the page is kept
for the collector, which reads it with the page's front matter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.i18n import _, default_date_format, format_date
from sphinx_postlog.normalise import ABLOG_DATE_FORMATS, read_datetime
from sphinx_postlog.read.excerpts import EXCERPT_CLASS, EXCLUDED_CLASS
from sphinx_postlog.read.frontmatter import Field, from_values
from sphinx_postlog.read.posts import IGNORED_ABLOG_KEYS

DIRECTIVE_KEY = "postlog_post_directive"


def _terms(argument: str | None) -> str:
    return (argument or "").strip()


class PostDirective(SphinxDirective):
    """ABlog's ``{post}`` directive: marks the page as a post and gives its date, tags,
    category and author as options; front matter does the same job."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Callable[[str], object]]] = {
        "tags": _terms, "tag": _terms, "category": _terms, "author": _terms,
        "location": _terms, "language": _terms, "title": _terms, "excerpt": _terms,
        "image": directives.unchanged, "exclude": directives.flag,
        "nocomments": directives.flag, "redirect": directives.unchanged,
        "canonical_link": directives.unchanged, "external_link": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        data = self.env.temp_data
        if data.get(DIRECTIVE_KEY) is not None:
            warn("the {post} directive is used twice on this page; the second is ignored",
                 PostlogWarning.FIELD, location=(self.env.docname, self.lineno))
            return []
        fields: dict[str, Field] = {"blogpost": self._field(True)}
        if self.arguments:
            fields["date"] = self._field(self.arguments[0])
        for option, value in self.options.items():
            if option in {"tags", "tag", "category", "author", "location", "language",
                          "title", "redirect", "canonical_link", "nocomments",
                          *IGNORED_ABLOG_KEYS}:
                fields["tags" if option == "tag" else option] = self._field(value)
            elif option in {"excerpt", "image"}:  # ABlog: a number; ours: text or a path
                number = str(value).strip()
                fields[option] = self._field(int(number) if number.isdigit() else value)
        data[DIRECTIVE_KEY] = fields
        if not self.content:
            return []
        # ABlog: the directive's content is the excerpt; with :exclude:, only that.
        classes = [EXCERPT_CLASS] + ([EXCLUDED_CLASS] if "exclude" in self.options else [])
        excerpt = nodes.container(classes=classes)
        self.state.nested_parse(self.content, self.content_offset, excerpt)
        return [excerpt]

    def _field(self, value: object) -> Field:
        """A field as front matter would give it."""
        return from_values({"field": (value, self.lineno)}, self.lineno).fields["field"]


UPDATES_KEY = "postlog_updates"


class UpdateDirective(SphinxDirective):
    """ABlog's ``{update}`` directive: a note headed "Updated on <date>"; the latest
    such date is the post's ``updated`` date."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def run(self) -> list[nodes.Node]:
        text = self.arguments[0].strip()
        updates = self.env.temp_data.get(UPDATES_KEY) or []
        updates.append(from_values({"updated": (text, self.lineno)},
                                   self.lineno).fields["updated"])
        self.env.temp_data[UPDATES_KEY] = updates
        config = self.config
        own = config.postlog_date_format
        try:
            moment = read_datetime(text, dt.timezone.utc,
                                   (own, *ABLOG_DATE_FORMATS) if own else ABLOG_DATE_FORMATS,
                                   ablog=True, language=config.language or None)
        except ValueError:  # reported with the post's other dates
            shown = text
        else:
            shown = format_date(config.postlog_date_format or config.today_fmt
                                or default_date_format(), moment, config.language or "en")
        heading = _("Updated on %s") % shown
        note = nodes.admonition(classes=["note", "update", "postlog-update"])
        note += nodes.title(heading, heading)
        self.state.nested_parse(self.content, self.content_offset, note)
        self.set_source_info(note)
        return [note]
