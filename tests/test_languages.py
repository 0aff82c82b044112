"""A blog in each language sphinx-postlog ships: every label a reader sees (the post's
header and footer, the pager, the sidebars, the archive pages' titles) is in the site's
language, none left as in the English build, and dates and plurals read as the language
says them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import PACKAGE, build_site, read_html, warning_lines, write_site
from sphinx_postlog.i18n import month_text

SHIPPED = sorted(path.parts[-3] for path in (PACKAGE / "locales").glob(
    "*/LC_MESSAGES/sphinx_postlog.po"))
CONF = """
postlog_authors = {"ana": "Ana Ruiz"}
postlog_archive_page_size = 1
html_sidebars = {"**": ["postlog/recent-posts.html", "postlog/sidebar-tags.html",
                        "postlog/sidebar-categories.html", "postlog/sidebar-archives.html",
                        "postlog/sidebar-authors.html"]}
"""


def _post(title: str, date: str, tags: str, extra: str = "") -> str:
    return (f"---\ndate: {date}\n{extra}tags: {tags}\ncategory: notes\nauthor: ana\n---\n"
            f"# {title}\n\nSome words.\n")


PAGES = {
    "posts/first.md": _post("First post", "2024-06-02", "python, sphinx"),
    "posts/second.md": _post("Second post", "2024-07-24", "python", "updated: 2024-08-01\n"),
    "posts/third.md": _post("Third post", "2024-09-05", "python, sphinx"),
    # related to the second post, which links the first and third as its neighbours
    "posts/fourth.md": _post("Fourth post", "2024-09-20", "python"),
    "links.md": "---\norphan: true\n---\n# Links\n\n{ref}`blog-posts` {ref}`blog-tags` "
                "{ref}`blog-archives` {ref}`blog-feed`\n",
}
#: The pages whose labels are compared: a post with neighbours and a related post, the
#: blog index and a page of it with a page on each side, every kind of archive page.
COMPARED = ["posts/second.html", "blog/index.html", "blog/page/2.html",
            "blog/tags/python.html", "blog/categories/notes.html", "blog/authors/ana.html",
            "blog/archive/2024.html", "blog/tags/index.html", "blog/categories/index.html",
            "blog/authors/index.html", "blog/archive/index.html"]
#: Where labels are: each a CSS selector, and the attribute read (None: the text).
LABELS: list[tuple[str, str | None]] = [
    (".postlog-post-meta .postlog-label", None), (".postlog-reading-time", None),
    (".postlog-updated", None), (".postlog-post-meta .postlog-date", None),
    (".postlog-post-navigation .postlog-label", None), (".postlog-related-heading", None),
    (".postlog-sidebar-heading", None), ("nav.postlog-sidebar", "aria-label"),
    (".postlog-sidebar-more a", None),
    ("nav.postlog-pagination", "aria-label"), (".postlog-pagination .postlog-newer", None),
    (".postlog-pagination .postlog-older", None), (".postlog-page-numbers > *", None),
    (".postlog-archive h1", None), (".postlog-terms h1", None),
    (".postlog-group h2", None), (".postlog-archive-nav a", None),
    (".postlog-feed-link a", None), (".postlog-postlist .postlog-label", None),
]
_LETTER = re.compile(r"[^\W\d_]")


def visible_labels(page: BeautifulSoup) -> list[tuple[str, str]]:
    """Every label of ``page`` with where it is, in the page's order."""
    found = []
    for selector, attribute in LABELS:
        for element in page.select(selector):
            value = element.get(attribute) if attribute else element.get_text()
            text = " ".join(str(value or "").split())
            if text:
                found.append((selector, text))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """The small blog built in a language (once per language and builder)."""
    outdirs: dict[tuple[str, str], Path] = {}

    def build(language: str, buildername: str = "html") -> Path:
        key = (language, buildername)
        if key not in outdirs:
            srcdir = write_site(tmp_path_factory.mktemp(f"{language}-{buildername}") / "src",
                                PAGES, CONF + f"language = {language!r}\n")
            app = build_site(srcdir, buildername)
            assert [line for line in warning_lines(app)  # docutils knows fewer languages
                    if "Docutils-generated text will be in English" not in line] == []
            outdirs[key] = Path(app.outdir)
        return outdirs[key]

    return build


def _same_in(language: str) -> set[str]:
    """The labels ``language`` writes as English does ("Blog", "Tags", and months
    such as German's "September 2024")."""
    path = PACKAGE / "locales" / language / "LC_MESSAGES" / "sphinx_postlog.po"
    with path.open("rb") as handle:
        same = {m.id for m in read_po(handle) if m.id and m.string == m.id}
    months = [dt.datetime(2024, month, 1, tzinfo=dt.timezone.utc) for month in (6, 7, 9)]
    return same | {month_text(moment, language) for moment in months
                   if month_text(moment, language) == month_text(moment, "en")}


@pytest.mark.parametrize("language", SHIPPED)
def test_no_english_label_is_left(language: str, built: Callable[..., Path]) -> None:
    english, translated = built("en"), built(language)
    same = _same_in(language)
    for page in COMPARED:
        theirs = visible_labels(read_html(english, page))
        ours = visible_labels(read_html(translated, page))
        assert [where for where, _ in ours] == [where for where, _ in theirs], page
        left = [(where, text) for (where, text), (_, original) in zip(ours, theirs,
                                                                       strict=True)
                if text == original and _LETTER.search(text) and text not in same]
        assert left == [], (page, left)


def test_every_kind_of_label_is_compared(built: Callable[..., Path]) -> None:
    """The English build has a label at each place compared (else the test above
    would compare nothing there)."""
    english = built("en")
    found = {where for page in COMPARED for where, _ in visible_labels(read_html(english, page))}
    assert found == {selector for selector, _ in LABELS}


#: What a few languages say (date, reading time, a tag page's title, a month heading).
EXPECTED = {
    "es": ("24 de julio de 2024", "1 minuto de lectura", "Entradas etiquetadas con «python»",
           "septiembre de 2024"),
    "ja": ("2024年7月24日", "1分で読めます", "タグ「python」の記事", "2024年9月"),
    "ru": ("24 июля 2024", "1 минута чтения", "Записи с тегом «python»",
           "сентябрь 2024 г."),
    "pl": ("24 lipca 2024", "1 minuta czytania", "Wpisy z tagiem „python”", "wrzesień 2024"),
    "zh_TW": ("2024年7月24日", "1 分鐘閱讀", "標籤「python」中的文章", "2024年9月"),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_dates_and_plurals_in_the_language(language: str, built: Callable[..., Path]) -> None:
    date, minutes, tag_title, month = EXPECTED[language]
    outdir = built(language)
    meta = read_html(outdir, "posts/second.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-date").get_text() == date
    assert meta.select_one(".postlog-reading-time").get_text() == minutes
    assert read_html(outdir, "blog/tags/python.html").select_one("h1").get_text() == tag_title
    year = read_html(outdir, "blog/archive/2024.html")
    assert year.select_one(".postlog-group h2").get_text().split() == month.split()


def test_text_builder_says_it_too(built: Callable[..., Path]) -> None:
    """Builders other than HTML write the post's details as docutils nodes."""
    text = (built("ru", "text") / "posts" / "second.txt").read_text(encoding="utf-8")
    assert "1 минута чтения" in text
    assert "Теги python" in text
    assert "← Следующая Third post" in text and "Предыдущая → First post" in text


def test_a_regional_language_takes_its_language(built: Callable[..., Path]) -> None:
    """``es_MX`` has no catalog of its own: gettext falls back to ``es``."""
    meta = read_html(built("es_MX"), "posts/second.html").select_one(".postlog-post-meta")
    assert meta.select_one(".postlog-reading-time").get_text() == "1 minuto de lectura"
    assert meta.select_one(".postlog-date").get_text() == "24 de julio de 2024"


@pytest.mark.parametrize(("language", "texts"), [
    ("en", ["Posts", "Tags", "Archives", "Blog Feed"]),  # as ABlog names them
    ("ru", ["Записи", "Теги", "Архив", "Лента: Блог"]),
])
def test_ablog_reference_names_in_the_language(language: str, texts: list[str],
                                              built: Callable[..., Path]) -> None:
    links = read_html(built(language), "links.html").select("a.reference span.std-ref")
    assert [link.get_text() for link in links] == texts
