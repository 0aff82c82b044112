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

from sphinx_postlog.blogs import Blog, blog_named, site_blogs
from sphinx_postlog.collect.registry import Registry, get_registry
from sphinx_postlog.i18n import template_labels
from sphinx_postlog.render.layout import ArchiveLayout
from sphinx_postlog.render.links import Links
from sphinx_postlog.render.templating import Renderer
from sphinx_postlog.render.views import Presenter, detail_fields, format_terms

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment


@dataclass(frozen=True)
class WriteContext:
    """What writing pages needs to know about one blog of the site."""

    blog: Blog
    #: The site's settings as the blog has them (see ``blogs``).
    config: Config
    #: Its posts.
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
_CONTEXTS: WeakKeyDictionary[Builder, dict[str, tuple[str, Registry, WriteContext]]] = (
    WeakKeyDictionary())


def write_context(builder: Builder, env: BuildEnvironment, blog: str = "") -> WriteContext:
    """The shared writing helpers for ``builder`` and the posts of the blog ``blog`` of
    ``env`` (the first blog for "", or for a name the site has not)."""
    registry = get_registry(env)
    digest = registry.digest()
    chosen = blog_named(env.config, blog)  # one context per blog, however it is named
    cached = _CONTEXTS.setdefault(builder, {}).get(chosen.name)
    if cached is not None and cached[0] == digest and cached[1] is registry:
        return cached[2]
    config = chosen.config(env.config)
    posts = registry.of_blog(chosen.name)
    layout = ArchiveLayout.from_config(config)
    labels = template_labels()
    context = WriteContext(chosen, config, posts, layout, Links(builder, layout, posts),
                           Presenter(config, posts.status),
                           Renderer(builder.confdir, list(env.config.templates_path),
                                    {"detail_fields": detail_fields,
                                     "format_terms": format_terms, "labels": labels},
                                    Path(env.doctreedir) / TEMPLATE_CACHE),
                           labels)
    context.renderer.load(*PAGE_TEMPLATES)
    _CONTEXTS[builder][chosen.name] = (digest, registry, context)
    return context


def page_context(builder: Builder, env: BuildEnvironment, pagename: str,
                 context: dict[str, Any] | None = None) -> WriteContext:
    """The writing helpers of the blog a page belongs to (see ``context_blog``)."""
    return write_context(builder, env, context_blog(env, pagename, context))


def context_blog(env: BuildEnvironment, pagename: str,
                 context: dict[str, Any] | None = None) -> str:
    """The blog of a page being written: the one its template context names (an
    archive page's ``postlog_blog``), else see ``page_blog``."""
    named = (context or {}).get("postlog_blog")
    return named if isinstance(named, str) else page_blog(env, pagename)


def page_blog(env: BuildEnvironment, pagename: str) -> str:
    """The blog of a page: a post's own; for another page, the blog under whose folder
    it is (its archive pages), else the site's first blog."""
    blogs = site_blogs(env.config)
    if len(blogs) == 1:
        return blogs[0].name
    post = get_registry(env).posts.get(pagename)
    if post is not None:
        return post.blog
    under = [blog for blog in blogs
             if pagename == blog.path or pagename.startswith(f"{blog.path}/")]
    return max(under, key=lambda blog: len(blog.path)).name if under else blogs[0].name


def every_blog(builder: Builder, env: BuildEnvironment) -> list[WriteContext]:
    """The writing helpers of each blog of the site, in the order of ``postlog_blogs``."""
    return [write_context(builder, env, blog.name) for blog in site_blogs(env.config)]



def context_is_written_out(builder: Builder) -> bool:
    """True for builders that write the page context itself out (``json``, ``pickle``):
    they serialise only plain values, so objects meant for templates stay out of it."""
    return isinstance(builder, SerializingHTMLBuilder)
