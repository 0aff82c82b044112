"""The helpers every writing step shares (layout, links, presenter), made once per
build rather than once per page.

They are kept per builder in a weak mapping: a cache that goes away with the build,
not state; the registry digest guards against a registry that changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinxcontrib.serializinghtml import SerializingHTMLBuilder

from sphinx_postlog.collect.registry import Registry, get_registry
from sphinx_postlog.i18n import template_labels
from sphinx_postlog.render.layout import ArchiveLayout
from sphinx_postlog.render.links import Links
from sphinx_postlog.render.templating import Renderer
from sphinx_postlog.render.views import Presenter, detail_fields, format_terms

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class WriteContext:
    """What writing pages needs to know about the blog."""

    registry: Registry
    layout: ArchiveLayout
    links: Links
    presenter: Presenter
    renderer: Renderer
    #: The translated labels, looked up once per build.
    labels: dict[str, str]
    #: Other values worked out once per build by the writing steps that need them.
    memo: dict[str, Any] = field(default_factory=dict, compare=False)


#: The templates of every post's page, loaded with the writing context.
PAGE_TEMPLATES = ("postlog/post-header.html", "postlog/post-footer.html")
#: Where compiled templates are kept, in Sphinx's doctree folder.
TEMPLATE_CACHE = "postlog-templates"
_CONTEXTS: WeakKeyDictionary[Builder, tuple[str, WriteContext]] = WeakKeyDictionary()


def write_context(builder: Builder, env: BuildEnvironment) -> WriteContext:
    """The shared writing helpers for ``builder`` and the posts of ``env``."""
    registry = get_registry(env)
    digest = registry.digest()
    cached = _CONTEXTS.get(builder)
    if cached is not None and cached[0] == digest and cached[1].registry is registry:
        return cached[1]
    layout = ArchiveLayout.from_config(env.config)
    labels = template_labels()
    context = WriteContext(registry, layout, Links(builder, layout, registry),
                           Presenter(env.config, registry.status),
                           Renderer(builder.confdir, list(env.config.templates_path),
                                    {"detail_fields": detail_fields,
                                     "format_terms": format_terms, "labels": labels},
                                    Path(env.doctreedir) / TEMPLATE_CACHE),
                           labels)
    context.renderer.load(*PAGE_TEMPLATES)
    _CONTEXTS[builder] = (digest, context)
    return context



def context_is_written_out(builder: Builder) -> bool:
    """True for builders that write the page context itself out (``json``, ``pickle``):
    they serialise only plain values, so objects meant for templates stay out of it."""
    return isinstance(builder, SerializingHTMLBuilder)
