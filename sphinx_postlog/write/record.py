"""What earlier builds wrote into the output folder, so that a build writes only what
changed and removes what it no longer writes.

One record per output folder holds what the last successful build there showed: a
digest of each generated page, the feeds it wrote, and what the documents showing posts
showed (post lists, links to terms, neighbours). It is kept beside Sphinx's doctrees
(``<doctreedir>/postlog/<builder>-<key>/record.json``, with the posts' kept text), never
in the output folder, which is published: the key is a hash of the output folder's
resolved path and the builder's name, so builders that share a doctree folder
(``sphinx-build -M html`` then ``-M dirhtml``) and output folders that share one builder
never confuse each other. The record of this build is saved only when the build
succeeds. Earlier versions kept it in ``<outdir>/.postlog/``: that folder is read once
if there is no record yet, and removed.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx_postlog.blogs import site_blogs
from sphinx_postlog.collect.registry import get_registry, slug_keys
from sphinx_postlog.config import PACKAGE_TEMPLATES
from sphinx_postlog.diagnostics import contained, logger
from sphinx_postlog.render.context import write_context
from sphinx_postlog.render.templating import pages_show_the_blog

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.collect.registry import Registry
    from sphinx_postlog.write.archives import Page, PlannedPage

#: The record's file, in the output folder's state folder (see ``state_dir``).
RECORD = "record.json"
#: Where each output folder's state folder is, inside Sphinx's doctree folder.
STATE_FOLDER = "postlog"
#: Where earlier versions kept their state, inside the output folder (so it was
#: published): read if there is no record yet, then removed.
OLD_STATE_FOLDER = ".postlog"
#: The record of sphinx-postlog 0.1, replaced by RECORD.
_OLD_MANIFEST = ".postlog-pages.json"
_LAST, _NEXT = "_postlog_last_record", "_postlog_next_record"


@dataclass
class OutputRecord:
    """What one build wrote into an output folder."""

    #: A digest of every input of the generated pages (all unchanged: nothing to do).
    inputs: str = ""
    #: Each generated page (archive, redirect) and a digest of what it shows.
    pages: dict[str, str] = field(default_factory=dict)
    #: The feed files written, as paths inside the output folder, and a digest of what
    #: they were made from (all unchanged: no feed is made at all).
    feeds: list[str] = field(default_factory=list)
    feed_inputs: str = ""
    #: What documents showed of the posts: the registry's digest, the slug of each term,
    #: each post list's selection and each post's neighbours and related posts.
    digest: str = ""
    slugs: dict[str, str] = field(default_factory=dict)
    listings: dict[str, str] = field(default_factory=dict)
    furniture: dict[str, str] = field(default_factory=dict)
    #: The posts whose pages are in the folder.
    posts: list[str] = field(default_factory=list)
    #: What blog sidebars showed, when pages show them (see ``pages_show_the_blog``).
    site: str = ""
    #: For each post: what other posts' footers depend on of it, and the posts its own
    #: footer shows (see ``_footers``); the related posts' limit they were made with.
    footer_keys: dict[str, str] = field(default_factory=dict)
    footer_posts: dict[str, list[str]] = field(default_factory=dict)
    related_limit: int = -1
    #: The documents that link with ABlog's reference names (``tag-python`` …), and a
    #: digest of where those names led (see ``references``).
    ablog_refs: list[str] = field(default_factory=list)
    ablog_targets: str = ""
    #: For each post whose excerpt has cross-references, a digest of the excerpt its
    #: page's description shows (it reads otherwise when a page it refers to changes).
    excerpts: dict[str, str] = field(default_factory=dict)
    #: The documents whose pages show comments, and a fingerprint of the comment
    #: settings they were written with (see ``comments``).
    comments: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> OutputRecord:
        """The record in ``folder``, or an empty one (first build, or unreadable)."""
        try:
            data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            return cls(
                inputs=str(data["inputs"]),
                pages={str(k): str(v) for k, v in data["pages"].items()},
                feeds=[str(path) for path in data["feeds"]],
                feed_inputs=str(data.get("feed_inputs", "")),
                digest=str(data["digest"]),
                slugs={str(k): str(v) for k, v in data["slugs"].items()},
                listings={str(k): str(v) for k, v in data["listings"].items()},
                furniture={str(k): str(v) for k, v in data["furniture"].items()},
                posts=[str(docname) for docname in data["posts"]],
                site=str(data["site"]),
                footer_keys={str(k): str(v) for k, v in data["footer_keys"].items()},
                footer_posts={str(k): [str(d) for d in v]
                              for k, v in data["footer_posts"].items()},
                related_limit=int(data["related_limit"]),
                ablog_refs=[str(docname) for docname in data.get("ablog_refs", [])],
                ablog_targets=str(data.get("ablog_targets", "")),
                excerpts={str(k): str(v) for k, v in data.get("excerpts", {}).items()},
                comments={str(k): str(v) for k, v in data.get("comments", {}).items()},
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def copy(self) -> OutputRecord:
        """A copy whose dicts and lists can be replaced or changed without changing
        this one (values are never changed in place)."""
        values: dict[str, Any] = {name: value.copy() if isinstance(value, (dict, list))
                                  else value for name, value in vars(self).items()}
        return OutputRecord(**values)

    def save(self, folder: Path) -> None:
        path = folder / RECORD
        path.parent.mkdir(parents=True, exist_ok=True)
        # one line: json's fast encoder does not indent
        path.write_text(json.dumps(vars(self), sort_keys=True), encoding="utf-8")


def state_dir(app: Sphinx) -> Path:
    """The folder of what sphinx-postlog keeps between builds into this build's output
    folder (its record, the posts' kept text)."""
    return state_folder(Path(app.doctreedir), Path(app.builder.outdir), app.builder.name)


def state_folder(doctreedir: Path, outdir: Path, builder_name: str) -> Path:
    """The state folder of ``outdir`` written by ``builder_name``: in Sphinx's doctree
    folder, one per output folder (its resolved path) and builder."""
    key = hashlib.sha256(f"{builder_name}\0{outdir.resolve()}".encode()).hexdigest()[:16]
    return doctreedir / STATE_FOLDER / f"{builder_name}-{key}"


def last_record(app: Sphinx) -> OutputRecord:
    """What the last successful build wrote into this build's output folder (the one an
    earlier version kept in it, if there is none yet)."""
    record = getattr(app, _LAST, None)
    if record is None:
        folder = state_dir(app)
        if not (folder / RECORD).is_file():
            folder = Path(app.builder.outdir, OLD_STATE_FOLDER)
        record = OutputRecord.load(folder)
        setattr(app, _LAST, record)
    return record


def next_record(app: Sphinx) -> OutputRecord:
    """The record of this build, filled in as it writes (a copy of the last one until
    then: what is not written again stays as it was)."""
    record = getattr(app, _NEXT, None)
    if record is None:
        record = last_record(app).copy()
        setattr(app, _NEXT, record)
    return record


def inside(outdir: Path, path: Path) -> bool:
    """True if ``path`` is inside ``outdir`` (never remove anything else)."""
    return path.resolve().is_relative_to(outdir.resolve())


#: Sphinx settings that generated pages show, which Sphinx does not count as HTML
#: settings (it reads every document again when they change): the posts' default author
#: (Sphinx's ``author``) and what themes write around every page.
FRAME_SETTINGS = frozenset({"project", "author", "copyright", "version", "release",
                            "language", "today_fmt"})


def rendering_fingerprint(app: Sphinx) -> str:
    """What every generated page depends on besides its own content: configuration
    (Sphinx's HTML settings, those in ``FRAME_SETTINGS`` and ours, but not those no
    generated page shows, such as comments), tags, templates (theme, user and ours), the
    package version, and the toctrees and their documents' titles (the theme's
    navigation)."""
    from sphinx_postlog import __version__

    builder: Any = app.builder
    info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0.0
    ours = max((p.stat().st_mtime for p in PACKAGE_TEMPLATES.rglob("*.html")), default=0.0)
    toctrees = sorted(app.env.toctree_includes.items())
    titles = _toctree_titles(app)
    ours_config = sorted((item.name, repr(item.value)) for item in app.config
                         if (item.name.startswith("postlog_") and item.rebuild)
                         or item.name in FRAME_SETTINGS)
    site = _site_shown(app)
    parts = (__version__, getattr(info, "config_hash", ""), getattr(info, "tags_hash", ""),
             ours_config, newest, ours, toctrees, titles, site)
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()


def _toctree_titles(app: Sphinx) -> str:
    """A digest of the titles of the documents in toctrees, which the theme's navigation
    shows on generated pages too (a page retitled is read again, not the pages that
    list it); worked out once per build."""
    memo = write_context(app.builder, app.env).memo
    if "toctree_titles" not in memo:
        env = app.env
        included = sorted({docname for entries in env.toctree_includes.values()
                           for docname in entries if docname in env.titles})
        memo["toctree_titles"] = hashlib.sha256(repr(
            [(docname, env.titles[docname].astext()) for docname in included]
        ).encode("utf-8")).hexdigest()
    return str(memo["toctree_titles"])


def _site_shown(app: Sphinx) -> str:
    """What blog sidebars show, if pages show them; else nothing. Worked out once per
    build: deciding which documents to write and fingerprinting archive pages both
    ask, and the answer reads the site's templates."""
    memo = write_context(app.builder, app.env).memo
    if "site_shown" not in memo:
        memo["site_shown"] = (get_registry(app.env).site_digest()
                              if pages_show_the_blog(app.config, app.confdir) else "")
    return str(memo["site_shown"])


def page_digest(fingerprint: str, page: PlannedPage) -> str:
    """A digest of what one generated page is made from."""
    content = repr((fingerprint, page.name, page.inputs))
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


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
    outdir = Path(builder.outdir)
    previous = last_record(app).pages
    stale = sorted(previous.keys() - pagenames)
    documents = _document_files(app) if stale else set()
    for pagename in stale:
        path = Path(builder.get_outfilename(pagename))
        if inside(outdir, path) and path.is_file() and path not in documents:
            path.unlink()
            logger.info("postlog: removed %s, which has no posts any more", pagename)
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


def remove_unpublished_posts(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remove the pages of posts the last build published and this
    one does not (deleted, or now a draft or scheduled), and their source copies, so an
    incremental build leaves what a clean one would."""
    builder: Any = app.builder
    if exception is not None or not hasattr(builder, "get_outfilename"):
        return
    outdir = Path(builder.outdir)
    gone = sorted(set(last_record(app).posts) - app.env.found_docs)
    generated = _generated_files(app) if gone else set()
    for docname in gone:
        for path in [Path(builder.get_outfilename(docname)), *_source_copies(app, docname)]:
            if inside(outdir, path) and path.is_file() and path not in generated:
                path.unlink()
                logger.info("postlog: removed %s, which is no longer published",
                            path.relative_to(outdir).as_posix())


def _document_files(app: Sphinx) -> set[Path]:
    """The output file of every document of the site: a page generated by an earlier
    build at the same place (a redirect from where a post has come back to) is the
    document's page now, written by Sphinx, and never removed."""
    builder: Any = app.builder
    return {Path(builder.get_outfilename(docname)) for docname in app.env.found_docs}


def _generated_files(app: Sphinx) -> set[Path]:
    """The files this build generated, or kept from the last one: its archive and
    redirect pages and its feeds. A post that moved leaves its redirect page where its
    own page was; removing the old page must not remove the redirect."""
    builder: Any = app.builder
    record = next_record(app)
    return ({Path(builder.get_outfilename(pagename)) for pagename in record.pages}
            | {Path(builder.outdir).joinpath(*feed.split("/")) for feed in record.feeds})


def _source_copies(app: Sphinx, docname: str) -> list[Path]:
    """The copies of a page's source Sphinx keeps (``_sources/<docname>.md.txt``)."""
    folder = Path(app.builder.outdir, "_sources", *docname.split("/")[:-1])
    stem, ending = docname.rsplit("/", 1)[-1], str(app.config.html_sourcelink_suffix)
    if not folder.is_dir():
        return []
    return [path for path in folder.iterdir()
            if path.name.startswith(stem + ".") and path.name.endswith(ending)
            and "." not in path.name[len(stem) + 1: len(path.name) - len(ending)]]


def save_record(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: remember what this build wrote, if it succeeded, and remove
    what earlier versions kept in the output folder."""
    record = getattr(app, _NEXT, None)
    if exception is None and record is not None:
        folder = state_dir(app)
        if record != getattr(app, _LAST, None) or not (folder / RECORD).is_file():
            record.save(folder)
        remove_old_state(Path(app.builder.outdir))
    for name in (_LAST, _NEXT):
        if hasattr(app, name):
            delattr(app, name)


def remove_old_state(outdir: Path) -> None:
    """Remove the record and kept texts earlier versions left in the output folder
    (``.postlog/``, ``.postlog-pages.json``), which every deploy published."""
    (outdir / _OLD_MANIFEST).unlink(missing_ok=True)
    old = outdir / OLD_STATE_FOLDER
    if old.is_dir() and not old.is_symlink() and inside(outdir, old):
        shutil.rmtree(old)
        logger.info("postlog: removed %s/, which earlier versions kept in the output "
                    "folder (it is now beside the doctrees)", OLD_STATE_FOLDER)


def feeds_unchanged(app: Sphinx, inputs: str) -> bool:
    """True if the last build made its feeds from the same inputs and they are all still
    there: then no feed needs to be made (the common rebuild)."""
    record, outdir = last_record(app), Path(app.builder.outdir)
    return record.feed_inputs == inputs and all(
        outdir.joinpath(*feed.split("/")).is_file() for feed in record.feeds)


def keep_only_feeds(app: Sphinx, written: list[str], inputs: str) -> None:
    """Remove the feeds the last build wrote and this one did not (a tag that lost its
    last post, feeds switched off); remember the ones written, and what they were made
    from (``""``: nothing to compare with, so they are made next time)."""
    outdir = Path(app.builder.outdir)
    for feed in sorted(set(last_record(app).feeds) - set(written)):
        path = outdir.joinpath(*feed.split("/"))
        if inside(outdir, path) and path.is_file():
            path.unlink()
            logger.info("postlog: removed the feed %s, which has no posts any more", feed)
    record = next_record(app)
    record.feeds, record.feed_inputs = sorted(written), inputs


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
        docname: registry.shown_digest(
            post for listing in listings for post in registry.select(listing))
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
    site = _site_shown(app)
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
    keys = {docname: blog.footer_key(post) for blog in blogs
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
                record.furniture[docname] = blog.furniture_digest(post, related_limit)
                record.footer_posts[docname] = [
                    other.docname for other in blog.footer_posts(post, related_limit)
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


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already holds it; True if written."""
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
