"""Property-based tests: any front matter value or tag string is handled without
raising; every tag gets a page; slugs are unique, stable and safe."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from urllib.parse import unquote

import feedparser
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_site, read_html
from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.normalise import MAX_TERM_LENGTH, read_datetime, read_terms
from sphinx_postlog.read.frontmatter import FrontMatterError, find_block, parse_block
from sphinx_postlog.read.slugs import assign_slugs

# Text as people (and attackers) type it: any unicode but surrogates.
text = st.text(st.characters(exclude_categories=("Cs",)), max_size=80)
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text
    | st.dates(),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@given(st.lists(text, max_size=30))
@settings(max_examples=300)
def test_slugs_are_unique_safe_and_stable(names: list[str]) -> None:
    slugs = assign_slugs(names)
    assert set(slugs) == set(names)
    values = list(slugs.values())
    assert len({v.casefold() for v in values}) == len(values)
    for slug in values:
        assert slug and "/" not in slug and "\\" not in slug and not slug.startswith(".")
        assert len(slug) <= 100
    assert assign_slugs(reversed(names)) == slugs


@given(yaml_values)
@settings(max_examples=300)
def test_any_yaml_value_as_tags_gives_clean_terms(value: object) -> None:
    node = yaml.compose(yaml.safe_dump({"tags": value}), Loader=yaml.SafeLoader)
    terms, problems = read_terms(node.value[0][1], "tag")
    assert isinstance(problems, list)
    for term in terms:
        assert term and term == term.strip() and len(term) <= MAX_TERM_LENGTH
    assert len({t.casefold() for t in terms}) == len(terms)


@given(yaml_values)
@settings(max_examples=300)
def test_any_value_as_date_is_read_or_refused_cleanly(value: object) -> None:
    try:
        moment = read_datetime(value, dt.timezone.utc)
    except ValueError as error:
        assert "not a date" in str(error)
    else:
        assert moment.utcoffset() is not None


@given(st.text(max_size=200))
@settings(max_examples=300)
def test_any_front_matter_text_parses_or_fails_cleanly(body: str) -> None:
    block = find_block(f"---\n{body}\n---\n# Title\n")
    if block is None:
        return
    try:
        front_matter = parse_block(block)
    except FrontMatterError as error:
        assert error.line >= 1
    else:
        for field in front_matter.fields.values():
            assert field.line >= 2


@given(titles=st.lists(text, min_size=1, max_size=3),
       tags=st.lists(st.lists(text, max_size=4), min_size=1, max_size=3))
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_any_titles_and_tags_build_and_every_tag_gets_a_page(
        titles: list[str], tags: list[list[str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = Path(tmp)
        (srcdir / "conf.py").write_text(
            'extensions = ["sphinx_postlog"]\nhtml_baseurl = "https://example.org/"\n'
            'suppress_warnings = ["postlog"]\n', encoding="utf-8")
        (srcdir / "index.md").write_text("# Home\n\n```{postlist}\n```\n", encoding="utf-8")
        for number, (title, post_tags) in enumerate(zip(titles, tags, strict=False)):
            front_matter = yaml.safe_dump({"date": dt.date(2020, 1, number + 1),
                                           "title": title, "tags": post_tags})
            (srcdir / f"post{number}.md").write_text(
                f"---\n{front_matter}---\n# Post {number}\n\nBody.\n", encoding="utf-8")
        app = build_site(srcdir)
        registry = get_registry(app.env)
        assert len(registry.posts) == min(len(titles), len(tags))
        all_tags = {tag for post in registry.posts.values() for tag in post.tags}
        index = read_html(app.outdir, "blog/tags/index.html")
        linked = {a.get_text(): a["href"] for a in index.select("a.postlog-term")}
        assert set(linked) == all_tags
        for href in linked.values():
            assert (app.outdir / "blog" / "tags" / unquote(href)).is_file()
        assert feedparser.parse((app.outdir / "blog/atom.xml").read_bytes()).bozo == 0
