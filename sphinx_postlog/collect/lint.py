"""Checks of the posts' metadata for what makes a blog messy: one tag spelt two ways,
an author under two names, excerpts that are empty or endless, dates that contradict
each other.

Each rule is a function over the posts that returns findings (plain records), so the
build's warnings and the ``postlog-report`` builder show the same ones. The rules run
once per build, after every page is read (``env-check-consistency``), over the whole
registry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.diagnostics import PostlogWarning, warn
from sphinx_postlog.normalise import LOCAL_TIME, ZONED_TIME
from sphinx_postlog.read.authors import AuthorBook

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from sphinx_postlog.read.posts import Post

#: An excerpt longer than this many words is no excerpt any more.
MAX_EXCERPT_WORDS = 300
#: Terms shorter than this are never taken for typos of each other (``go``/``got``).
MIN_TYPO_LENGTH = 5
#: How many posts a message names as examples.
EXAMPLES = 3


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which rule found it, what it is, and where (a post's docname and a
    line of its source)."""

    docname: str
    line: int
    rule: str
    message: str


@dataclass(frozen=True)
class Context:
    """What the rules need from the configuration."""

    #: The names of ``postlog_authors``' authors, by key.
    author_names: Mapping[str, str] = field(default_factory=dict)
    #: ``postlog_timezone``, for messages.
    timezone: str = "UTC"


Rule = Callable[[Sequence["Post"], Context], list[Finding]]


# --- spellings -------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[-_\s]+")
_PUNCTUATION = re.compile(r"[^\w\s]+")


def _unaccented(text: str) -> str:
    """``text`` without accents (``café`` → ``cafe``), case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _joined(text: str) -> str:
    """Hyphens, underscores and runs of spaces as one space."""
    return " ".join(word for word in _SEPARATORS.split(text) if word)


def singular(word: str) -> str:
    """An English plural's singular, by its ending alone (``reports`` → ``report``,
    ``libraries`` → ``library``); short words and ``-ss``, ``-us``, ``-is`` stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_key(term: str) -> str:
    """What is left of a tag or category once case, accents, separators and a plural
    ending are set aside: terms with the same key are surely one."""
    words = _joined(_unaccented(term)).split(" ")
    return " ".join([*words[:-1], singular(words[-1])])


def author_key(name: str) -> str:
    """An author's name once case, accents, punctuation and spacing are set aside."""
    return _joined(_PUNCTUATION.sub(" ", _unaccented(name)))


def _one_typo(first: str, second: str) -> bool:
    """True if one letter (not a digit: ``gsoc2020``/``gsoc2021`` are two things) was
    changed, added, dropped, or swapped with its neighbour."""
    if len(first) > len(second):
        first, second = second, first
    if len(second) - len(first) == 1:
        for index, (a, b) in enumerate(zip(first, second, strict=False)):
            if a != b:
                return not b.isdigit() and first[index:] == second[index + 1:]
        return not second[-1].isdigit()
    if len(first) != len(second):
        return False
    differ = [index for index, (a, b) in enumerate(zip(first, second, strict=True))
              if a != b]
    if any(first[index].isdigit() or second[index].isdigit() for index in differ):
        return False
    if len(differ) == 1:
        return True
    return (len(differ) == 2 and differ[1] == differ[0] + 1
            and first[differ[0]] == second[differ[1]] and first[differ[1]] == second[differ[0]])


def typo_pairs(keys: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs of ``keys`` one typo apart (see ``_one_typo``), both at least
    ``MIN_TYPO_LENGTH`` long, sorted.

    Two strings one edit apart share a string made by deleting at most one character
    (the one that differs, never a digit) from each, so only keys sharing such a string
    are compared: O(n·length), not O(n²).
    """
    neighbours: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        if len(key) >= MIN_TYPO_LENGTH:
            for variant in {key, *(key[:i] + key[i + 1:] for i, char in enumerate(key)
                                   if not char.isdigit())}:
                neighbours[variant].append(key)
    pairs = {(a, b) for members in neighbours.values() if len(members) > 1
             for i, a in enumerate(members) for b in members[i + 1:] if _one_typo(a, b)}
    return sorted(pairs)


class _Groups:
    """Union-find over spellings."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self._parent.setdefault(item, item)
        if parent != item:
            parent = self._parent[item] = self.find(parent)
        return parent

    def join(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def groups(self) -> list[list[str]]:
        """Groups of two or more items, each sorted, in order."""
        members: dict[str, list[str]] = defaultdict(list)
        for item in sorted(self._parent):
            members[self.find(item)].append(item)
        return sorted(group for group in members.values() if len(group) > 1)


def _folded(text: str) -> str:
    """``text`` case folded, its letters in their composed form."""
    return unicodedata.normalize("NFC", text).casefold()


def _encoding_difference(first: str, second: str) -> bool:
    """True if two texts are the same letters, written with different code points
    (``é`` as one, or as ``e`` and a combining accent)."""
    return unicodedata.normalize("NFC", first) == unicodedata.normalize("NFC", second)


def _spelt(text: str) -> str:
    """``text`` quoted; with escapes where its letters are not in their usual
    (composed) form, so that two encodings of one word can be told apart."""
    return repr(text) if unicodedata.is_normalized("NFC", text) else ascii(text)


def _same(transform: Callable[[str], str]) -> Callable[[str, str], bool]:
    """Whether two spellings are one once ``transform`` has made them alike."""
    return lambda first, second: transform(first) == transform(second)


#: What makes two spellings differ, in a few words, with the test that finds it: the
#: first test that holds names the difference; none holding, the last word is said.
_TERM_DIFFERENCES: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("Unicode encoding", _encoding_difference),
    ("case", _same(_folded)),
    ("accents", _same(_unaccented)),
    ("hyphens, underscores or spaces", _same(lambda text: _joined(_unaccented(text)))),
    ("a plural", _same(term_key)),
)
_AUTHOR_DIFFERENCES: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("key", str.__eq__),  # two keys of postlog_authors with one name
    ("Unicode encoding", _encoding_difference),
    ("punctuation or spacing", _same(_joined)),
    ("case", _same(lambda text: _joined(_folded(text)))),
    ("accents", _same(lambda text: _joined(_unaccented(text)))),
    ("punctuation or spacing", _same(author_key)),
)


def _term_difference(first: str, second: str) -> str:
    """How two spellings of one tag differ."""
    return next((what for what, holds in _TERM_DIFFERENCES if holds(first, second)),
                "one letter")


def _author_difference(first: str, second: str) -> str:
    """How two spellings of one author's name differ."""
    return next((what for what, holds in _AUTHOR_DIFFERENCES if holds(first, second)),
                "an initial")


def _and(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _posts(count: int) -> str:
    return f"{count} post" if count == 1 else f"{count} posts"


@dataclass(frozen=True)
class _Spellings:
    """How to find the spellings of one kind of thing (tags, authors …)."""

    rule: str
    #: Its name, plural and singular (``tags``, ``tag``), and the field posts give it in.
    plural: str
    singular: str
    field_name: str
    values: Callable[[Post], Iterable[str]]
    #: Spellings with one key are one; ``links`` pairs keys that are one too.
    key: Callable[[str], str]
    links: Callable[[list[str]], Iterable[tuple[str, str]]]
    difference: Callable[[str, str], str]
    #: What to say besides a spelling (an author's name, for a key).
    note: Callable[[str], str] = lambda spelling: ""


def _counted(spelling: str, note: str, count: int) -> str:
    """``'spelling' (note; 3 posts)``."""
    return f"{_spelt(spelling)} ({note + '; ' if note else ''}{_posts(count)})"


def _spelling_findings(posts: Sequence[Post], kind: _Spellings) -> list[Finding]:
    """One finding per group of spellings of one thing: those with the same key, or
    whose keys are linked; at the first post using the rarest spelling."""
    values, key = kind.values, kind.key
    users: dict[str, list[Post]] = defaultdict(list)
    for post in posts:
        for value in values(post):
            users[value].append(post)
    by_key: dict[str, list[str]] = defaultdict(list)
    for value in users:
        by_key[key(value)].append(value)
    groups = _Groups()
    for spellings in by_key.values():
        for spelling in spellings:
            groups.join(spellings[0], spelling)
    for first, second in kind.links(sorted(by_key)):
        groups.join(by_key[first][0], by_key[second][0])
    findings = []
    for group in groups.groups():
        counts = {spelling: len(users[spelling]) for spelling in group}
        ranked = sorted(group, key=lambda spelling: (-counts[spelling], spelling))
        best, rarest = ranked[0], ranked[-1]
        clear = counts[best] > counts[ranked[1]]
        hows = sorted({kind.difference(first, second) for index, first in enumerate(group)
                       for second in group[index + 1:]})
        listed = _and([_counted(spelling, kind.note(spelling), counts[spelling])
                       for spelling in ranked])
        advice = f"use {_spelt(best)}" if clear else "choose one"
        where = min(users[rarest], key=lambda post: post.docname)
        findings.append(Finding(
            where.docname, where.line_of(kind.field_name), kind.rule,
            f"{kind.plural} {listed} look like one {kind.singular} (they differ by "
            f"{' or '.join(hows)}); {advice}"))
    return findings


def similar_terms(posts: Sequence[Post], context: Context) -> list[Finding]:
    """Tags, and categories, that differ only by case, accents, separators, a plural
    ending or one letter: each spelling gets its own archive page and feed."""
    return [
        *_spelling_findings(posts, _Spellings(
            "similar-terms", "tags", "tag", "tags", lambda post: post.tags, term_key,
            typo_pairs, _term_difference)),
        *_spelling_findings(posts, _Spellings(
            "similar-terms", "categories", "category", "categories",
            lambda post: post.categories, term_key, typo_pairs, _term_difference)),
    ]


def initials_pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Names that may be one person's, one with an initial (``j doe``/``jane doe``)."""
    by_initial: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key in keys:
        words = key.split(" ")
        if len(words) > 1 and words[0]:
            signature = (words[0][0], *words[1:])
            by_initial[signature].append(key)
    return sorted((short, full) for names in by_initial.values()
                  for short in names if len(short.split(" ")[0]) == 1
                  for full in names if full != short)


def similar_authors(posts: Sequence[Post], context: Context) -> list[Finding]:
    """An author named two ways (case, accents, punctuation, spacing, an initial): each
    name gets its own archive page."""
    names = context.author_names

    def name(author: str) -> str:
        return names.get(author, author)

    def note(author: str) -> str:
        return "" if name(author) == author else name(author)

    return _spelling_findings(posts, _Spellings(
        "similar-authors", "authors", "author", "authors", lambda post: post.authors,
        lambda author: author_key(name(author)), initials_pairs,
        lambda first, second: _author_difference(name(first), name(second)), note))


def excerpt_length(posts: Sequence[Post], context: Context) -> list[Finding]:
    """Excerpts that show nothing in lists and feeds, or too much."""
    findings = []
    for post in posts:
        words = len(post.excerpt.split())
        chosen = "excerpt" in dict(post.field_lines)  # ABlog's ``excerpt: 0`` is meant
        if words == 0 and not chosen:
            findings.append(Finding(
                post.docname, post.line, "excerpt-length",
                "the excerpt is empty, so lists and feeds show nothing of the post; "
                "start it with a paragraph, or give an 'excerpt'"))
        elif words > MAX_EXCERPT_WORDS:
            findings.append(Finding(
                post.docname, post.line_of("excerpt"), "excerpt-length",
                f"the excerpt has {words} words (more than {MAX_EXCERPT_WORDS}); end it "
                "earlier with a '<!-- more -->' line, or give a short 'excerpt'"))
    return findings


def updated_before_date(posts: Sequence[Post], context: Context) -> list[Finding]:
    """An ``updated`` day before the post's ``date`` day (a time earlier on the same day
    is let be: one of them may be a day only)."""
    findings = []
    for post in posts:
        if post.updated is None:
            continue
        updated = post.updated.astimezone(post.date.tzinfo)
        if updated.date() < post.date.date():
            findings.append(Finding(
                post.docname, post.line_of("updated"), "updated-before-date",
                f"'updated' ({updated.date().isoformat()}) is before 'date' "
                f"({post.date.date().isoformat()}); one of them is wrong"))
    return findings


def mixed_timezones(posts: Sequence[Post], context: Context) -> list[Finding]:
    """Times written with a zone and times without one, in one blog: the latter are
    read in ``postlog_timezone``, which may not be where they were written. Dates
    without a time are let be."""
    local = [post for post in posts if post.date_form == LOCAL_TIME]
    zoned = [post for post in posts if post.date_form == ZONED_TIME]
    if not local or not zoned:
        return []
    fewer = min(local, zoned, key=len)

    def examples(group: list[Post]) -> str:
        names = ", ".join(post.docname for post in group[:EXAMPLES])
        return f"{_posts(len(group))}: {names}" + (", …" if len(group) > EXAMPLES else "")

    where = fewer[0]
    return [Finding(
        where.docname, where.line_of("date"), "mixed-timezones",
        f"some dates give a time with a zone ({examples(zoned)}), others a time without "
        f"one ({examples(local)}), which is read in postlog_timezone "
        f"{context.timezone!r}; give a zone to every time, or to none")]


#: Every rule, by the name ``postlog_lint`` and the messages use.
RULES: dict[str, Rule] = {
    "similar-terms": similar_terms,
    "similar-authors": similar_authors,
    "excerpt-length": excerpt_length,
    "updated-before-date": updated_before_date,
    "mixed-timezones": mixed_timezones,
}


def run_rules(posts: Iterable[Post], rules: Iterable[str],
              context: Context | None = None) -> list[Finding]:
    """The findings of ``rules`` over ``posts``, sorted by place."""
    ordered = sorted(posts, key=lambda post: post.docname)
    context = context or Context()
    return sorted(finding for name in dict.fromkeys(rules) if name in RULES
                  for finding in RULES[name](ordered, context))


def findings(config: Config, env: BuildEnvironment) -> list[Finding]:
    """The findings of the rules ``postlog_lint`` names, over every post read."""
    book = AuthorBook(config.postlog_authors)
    context = Context({key: author.name for key, author in book.by_key.items()},
                      str(config.postlog_timezone))
    return run_rules(get_registry(env).posts.values(), config.postlog_lint, context)


def message(finding: Finding) -> str:
    """A finding as a warning's text, naming its rule."""
    return f"{finding.message} [rule: {finding.rule}]"


def check_posts(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: one warning per finding."""
    for finding in findings(app.config, env):
        warn(message(finding), PostlogWarning.LINT, location=(finding.docname, finding.line))
