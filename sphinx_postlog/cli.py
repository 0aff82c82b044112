"""The ``sphinx-postlog`` command. ``sphinx-postlog new "Title"`` writes a new post.

Problems are one line each on standard error, never a traceback; standard output holds
only the path written (or, with ``--dry-run``, the post), so scripts can use it.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from sphinx.util.logging import NAMESPACE

from sphinx_postlog.new_post import (
    CONF_FOLDERS,
    NewPostError,
    PostRequest,
    check_free,
    display_path,
    find_confdir,
    plan_post,
    read_settings,
    write_post,
)

from . import __version__

PROG = "sphinx-postlog"


def main(argv: list[str] | None = None) -> int:
    """Run the command: exit status 0 when done, 1 when refused or failed, 2 for a
    usage error."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has shown the help, or the usage and the error
        return stop.code if isinstance(stop.code, int) else 2
    try:
        return _new(args)
    except Exception as error:  # a bug: one line that can be reported, not a traceback
        print(f"{PROG}: unexpected error: {type(error).__name__}: {error} (please report "
              "it)", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Tools for a sphinx-postlog blog.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    new = commands.add_parser(
        "new", help="write a new post",
        description="Write a new post with front matter, at the path "
                    "postlog_new_post_path gives, and print that path. An existing file is "
                    "never overwritten.")
    new.add_argument("title", help="the post's title (its heading)")
    new.add_argument("-t", "--tags", nargs="+", action="extend", default=[], metavar="TAG",
                     help="tags: several values, repeated, or one with commas")
    new.add_argument("--category", help="the post's category")
    new.add_argument("--author", help="the author (default: postlog_default_author, else "
                                      "Sphinx's author)")
    new.add_argument("--draft", action="store_true", help="write 'draft: true'")
    new.add_argument("--date", help="ISO date or date and time (default: now, in "
                                    "postlog_timezone)")
    new.add_argument("--slug", help="the file name's slug instead of the title's")
    new.add_argument("--path", help="where to write, instead of postlog_new_post_path "
                                    "(same placeholders)")
    new.add_argument("--blog", help="the blog of postlog_blogs it is for (its "
                                    "new_post_path)")
    new.add_argument("--dry-run", action="store_true",
                     help="print the post instead of writing it")
    new.add_argument("-c", "--confdir", type=Path,
                     help="the folder of conf.py (default: the current folder, else its "
                          f"{', '.join(f'{name}/' for name in CONF_FOLDERS)})")
    return parser


def _new(args: argparse.Namespace) -> int:
    """``new``: read the site's settings, then write the post (or show it)."""
    request = PostRequest(title=args.title, slug=args.slug, date=args.date, tags=args.tags,
                          category=args.category, author=args.author, draft=args.draft,
                          path=args.path, blog=args.blog)
    with _warnings_to(sys.stderr):
        try:
            confdir = find_confdir(Path.cwd(), args.confdir)
            if confdir != Path.cwd() and args.confdir is None:
                print(f"using {display_path(confdir / 'conf.py')}", file=sys.stderr)
            post = plan_post(confdir, read_settings(confdir), request)
            if args.dry_run:
                check_free(post.path)
            else:
                write_post(post)
        except NewPostError as error:
            print(f"{PROG} new: error: {error}", file=sys.stderr)
            return 1
    for note in post.notes:
        print(f"warning: {note}", file=sys.stderr)
    if args.dry_run:
        print(f"would write {display_path(post.path)}:", file=sys.stderr)
        sys.stdout.write(post.text)
    else:
        print(display_path(post.path))
    return 0


class _PlainWarnings(logging.Handler):
    """Sphinx's warnings as ``warning: <where>: <message> [<type>]`` lines."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(logging.WARNING)
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        location = getattr(record, "location", None)
        if isinstance(location, tuple):
            location = ":".join(str(part) for part in location if part is not None)
        kind = ".".join(str(part) for part in (getattr(record, "type", None),
                                               getattr(record, "subtype", None)) if part)
        print("warning: " + (f"{location}: " if location else "") + record.getMessage()
              + (f" [{kind}]" if kind else ""), file=self.stream)


@contextmanager
def _warnings_to(stream: TextIO) -> Iterator[None]:
    """Show Sphinx's warnings (the settings checks') on ``stream`` while the command
    runs, rather than where an earlier Sphinx application in this process sent them."""
    logger = logging.getLogger(NAMESPACE)
    saved = logger.handlers[:], logger.level, logger.propagate
    logger.handlers = [_PlainWarnings(stream)]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.handlers, _, logger.propagate = saved
        logger.setLevel(saved[1])
