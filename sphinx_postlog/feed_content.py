"""The full HTML of posts, for feeds that carry whole posts: every link and image made
absolute, since feed readers show it away from the site."""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.environment import BuildEnvironment

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .posts import Post

#: What the post page adds around the text; a feed entry has its own title and data.
_FURNITURE = {"postlog-post-meta", "postlog-post-footer"}
_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_TAKES_TAGS = "tags" in inspect.signature(BuildEnvironment.get_and_resolve_doctree).parameters


def absolute_urls(fragment: str, base: str) -> str:
    """``fragment`` with every ``href`` and ``src`` resolved against ``base``."""
    return _URL_ATTRIBUTE.sub(lambda m: f'{m[1]}="{urljoin(base, m[2])}"', fragment)


class PostContent:
    """Renders posts' bodies as the HTML builder does, once per post."""

    def __init__(self, app: Sphinx, root_url: str) -> None:
        self.app = app
        self.root_url = root_url
        self._rendered: dict[str, str] = {}

    def html(self, post: Post, url: str) -> str:
        """The post's text as HTML, without its title, header and footer."""
        if post.docname not in self._rendered:
            self._rendered[post.docname] = absolute_urls(self._render(post.docname), url)
        return self._rendered[post.docname]

    def _render(self, docname: str) -> str:
        builder: Any = self.app.builder
        # Sphinx 9 wants the build's tags; Sphinx 7 does not know the argument.
        extra = {"tags": builder.tags} if _TAKES_TAGS else {}
        doctree = self.app.env.get_and_resolve_doctree(docname, builder, **extra)
        for node in list(doctree.findall(nodes.Element)):
            if _FURNITURE.intersection(node.get("classes", ())) and node.parent is not None:
                node.parent.remove(node)
        title = next(doctree.findall(nodes.title), None)
        if title is not None and title.parent is not None:
            title.parent.remove(title)
        saved = builder.current_docname, builder.imgpath
        builder.current_docname = docname
        builder.imgpath = self.root_url + builder.imagedir  # images by absolute URL
        try:
            builder.post_process_images(doctree)
            return "".join(builder.render_partial(child)["fragment"]
                           for child in list(doctree.children))
        finally:
            builder.current_docname, builder.imgpath = saved
