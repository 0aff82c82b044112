"""Each post's ABlog label (its file stem, or its folder for an ``index`` page) as a
label of Sphinx's standard domain, as ABlog registers it: ``{ref}`` finds it, and it is
in ``objects.inv``, so other projects can link to the posts with intersphinx.

A label of the site's own wins; of two posts with the same label, the first by docname
has it. Labels are set once every post is known and taken back before the next reading,
so a page that comes to define the same label meets no label of ours: the result is the
clean build's, whatever the order pages are read in.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment


def post_label(docname: str) -> str:
    """ABlog's label of a post: its file stem, or its folder's name for an ``index``."""
    folder, stem = posixpath.split(docname)
    return posixpath.basename(folder) if stem == "index" and folder else stem


def _standard_domain(env: BuildEnvironment) -> StandardDomain:
    return env.get_domain("std")  # type: ignore[return-value]


def take_back_post_labels(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remove the labels set for posts by the last build."""
    std, registry = _standard_domain(env), get_registry(env)
    for label, docname in registry.labels.items():
        if std.labels.get(label, ("",))[0] == docname:
            del std.labels[label]
        if std.anonlabels.get(label, ("",))[0] == docname:
            del std.anonlabels[label]
    registry.labels = {}


def set_post_labels(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: give each post read its label, unless the name is taken."""
    std, registry = _standard_domain(env), get_registry(env)
    for docname, post in sorted(registry.posts.items()):
        label = post_label(docname).lower()
        if label in std.labels or label in std.anonlabels:
            continue
        std.labels[label] = (docname, "", post.title)
        std.anonlabels[label] = (docname, "")
        registry.labels[label] = docname
