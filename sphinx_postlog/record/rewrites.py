"""What this build writes again into the output folder, compared with what the last
successful build wrote there (``saved_record``): the generated pages and feeds whose
inputs changed (or whose file is missing), and the documents Sphinx writes again
without reading them again because the posts they show changed."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import get_registry, slug_keys
from sphinx_postlog.diagnostics import contained
from sphinx_postlog.record.fingerprints import page_digest, shown_digest, site_shown
from sphinx_postlog.record.saved_record import OutputRecord, last_record, next_record
from sphinx_postlog.record.stale_files import remove_stale_pages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.read.posts import Post
    from sphinx_postlog.render.planned_pages import Page, PlannedPage


def nothing_changed(app: Sphinx, inputs: str) -> bool:
    """True if the last build made its pages from the same inputs and they are all still
    there: then no page needs to be made at all (the common no-op rebuild)."""
    builder: Any = app.builder
    record = last_record(app)
    return record.inputs == inputs and all(
        os.path.isfile(builder.get_outfilename(pagename)) for pagename in record.pages)


def pages_to_write(app: Sphinx, pages: Iterable[PlannedPage], inputs: str, fingerprint: str,
                   pagenames: Set[str]) -> Iterator[Page]:
    """The pages whose inputs changed since the last successful build (or whose file is
    missing), made one at a time as Sphinx asks for them, so that only one page is held
    in memory and unchanged pages are never made. Files of earlier pages not in
    ``pagenames`` are removed first."""
    builder: Any = app.builder
    previous = last_record(app).pages
    remove_stale_pages(app, pagenames)
    record = next_record(app)
    record.inputs, record.pages = inputs, {}
    for page in pages:
        digest = record.pages[page.name] = page_digest(fingerprint, page)
        if previous.get(page.name) != digest or not Path(
                builder.get_outfilename(page.name)).is_file():
            made = None
            with contained(f"making the archive page {page.name!r}"):
                made = page.make()
            if made is None:
                del record.pages[page.name]
                continue
            yield made


def feeds_unchanged(app: Sphinx, inputs: str) -> bool:
    """True if the last build made its feeds from the same inputs and they are all still
    there: then no feed needs to be made (the common rebuild)."""
    record, outdir = last_record(app), Path(app.builder.outdir)
    return record.feed_inputs == inputs and all(
        outdir.joinpath(*feed.split("/")).is_file() for feed in record.feeds)


def documents_to_rewrite(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: documents to write again (not read again) because the posts
    they show changed since they were written into this output folder: post lists whose
    selection changed, posts whose tag links moved, posts whose neighbours or related
    posts changed, posts whose excerpt (their description) reads otherwise because a
    page it refers to changed."""
    registry = get_registry(env)
    last, record = last_record(app), next_record(app)
    record.posts = sorted(registry.posts)
    digest = registry.digest()
    if digest == last.digest:
        return []
    listings = {
        docname: shown_digest(registry, (post for listing in listings
                                         for post in registry.select(listing)))
        for docname, listings in registry.listings.items()
    }
    changed_lists = {docname for docname, shown in listings.items()
                     if last.listings.get(docname) != shown}
    blog_index = str(env.config.postlog_blog_path)  # where ABlog's layout puts it
    if env.config.postlog_url_layout == "ablog" and blog_index in env.found_docs:
        changed_lists.add(blog_index)  # it shows the blog index (see archives)
    names = [blog.name for blog in site_blogs(env.config)]
    blogs = [registry.of_blog(name) for name in names]
    slugs = {f"{name}|{key}": slug for name, blog in zip(names, blogs, strict=True)
             for key, slug in blog.all_slugs().items()}
    moved = {key for key in last.slugs.keys() | slugs.keys()
             if last.slugs.get(key) != slugs.get(key)}
    posts_with_moved_links = {
        post.docname for post in registry.posts.values()
        if moved.intersection(f"{post.blog}|{key}" for key in slug_keys(post))
    }
    related_limit = max(app.config.postlog_related_posts, 0)
    _footers(blogs, last, record, related_limit)
    posts_with_new_neighbours = {docname for docname, shown in record.furniture.items()
                                 if last.furniture.get(docname) != shown}
    record.excerpts = {docname: hashlib.sha256(post.excerpt.encode("utf-8")).hexdigest()
                       for docname, post in registry.posts.items()
                       if post.excerpt_source is not None}
    posts_with_new_excerpts = {docname for docname, shown in record.excerpts.items()
                               if last.excerpts.get(docname) != shown}
    record.digest, record.slugs, record.listings = digest, slugs, listings
    site = site_shown(app)
    if site != last.site:  # every page shows the blog: write them all
        record.site = site
        return sorted(env.found_docs)
    return sorted(changed_lists | posts_with_moved_links | posts_with_new_neighbours
                  | posts_with_new_excerpts)


def _footers(blogs: list[Registry], last: OutputRecord, record: OutputRecord,
             related_limit: int) -> None:
    """Record each post's footer digest (what its page shows of its neighbours and
    related posts, all of its own blog), the posts it shows and what other footers
    depend on of it; footers are worked out again only where they may have changed, the
    rest are the last build's.

    A footer changes only if a post changed what others' footers depend on of it
    (``footer_key``): a post whose footer showed it, a post sharing one of its tags (it
    may now rank among the related posts) or its series (a new part) and its neighbours
    now. Posts that were added, removed or now hidden count as changed."""
    keys = {docname: footer_key(blog, post) for blog in blogs
            for docname, post in blog.posts.items()}
    record.footer_keys, record.related_limit = keys, related_limit
    everything = last.related_limit != related_limit or not last.footer_keys
    changed = {docname for docname in keys.keys() | last.footer_keys.keys()
               if keys.get(docname) != last.footer_keys.get(docname)}
    record.furniture, record.footer_posts = {}, {}
    for blog in blogs:
        affected = set(blog.posts) if everything else _affected(blog, changed, last)
        for docname, post in blog.posts.items():
            if docname in affected:
                record.furniture[docname] = furniture_digest(blog, post, related_limit)
                record.footer_posts[docname] = [
                    other.docname for other in footer_posts(blog, post, related_limit)
                    if other]
            else:
                record.furniture[docname] = last.furniture[docname]
                record.footer_posts[docname] = last.footer_posts.get(docname, [])


def _affected(blog: Registry, changed: set[str], last: OutputRecord) -> set[str]:
    """The posts of one blog whose footers may show the ``changed`` posts otherwise."""
    present = [blog.posts[docname] for docname in changed if docname in blog.posts]
    tags = {tag for post in present for tag in post.tags}
    affected = {post.docname for post in present}
    affected |= {docname for docname, shown in last.footer_posts.items()
                 if docname in blog.posts and changed.intersection(shown)}
    affected |= {docname for docname, post in blog.posts.items()
                 if tags.intersection(post.tags)}
    affected |= _in_series(blog, {post.series for post in present if post.series})
    affected |= {other.docname for post in present
                 for other in blog.neighbours(post) if other is not None}
    return affected


def _in_series(registry: Registry, names: set[str]) -> set[str]:
    """The posts of the series ``names``, published or not (a draft's page says
    nothing of its series, but it is one of the series' posts all the same)."""
    if not names:
        return set()
    return {docname for docname, post in registry.posts.items() if post.series in names}


def footer_posts(registry: Registry, post: Post, related_limit: int) -> list[Post | None]:
    """The posts a post's page shows besides its text: its older and newer neighbours
    (None at either end), then its related posts, as the page lists them with the
    neighbours (``Registry.footer_related``) and, for a page whose own template links
    the neighbours, without; then the parts of its series (see ``Registry.series_of``)."""
    older, newer = registry.neighbours(post)
    return [older, newer, *registry.footer_related(post, related_limit),
            None, *registry.footer_related(post, related_limit, navigation=False),
            *registry.series_of(post)]


def furniture_digest(registry: Registry, post: Post, related_limit: int) -> str:
    """A fingerprint of what a post's page shows of other posts (its neighbours,
    related posts and its series' parts)."""
    shown = [(other.docname, other.title, registry.status(other)) if other else None
             for other in footer_posts(registry, post, related_limit)]
    series = post.series if registry.series_of(post) else None
    return hashlib.sha256(repr((shown, series)).encode("utf-8")).hexdigest()


def footer_key(registry: Registry, post: Post) -> str:
    """A fingerprint of what other posts' footers depend on of ``post``: what they
    show of it (title, status) and how it ranks among their neighbours, related
    posts and series' parts (date, tags, series and place in it)."""
    key = repr((post.title, registry.status(post), post.date, post.tags, post.series,
                post.series_order, post.blog))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
