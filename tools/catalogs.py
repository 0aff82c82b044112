"""sphinx-postlog's message catalogs, from one source: the labels in the code.

    python tools/catalogs.py            extract the template (.pot) from the code and the
                                        templates, update every language's .po from it and
                                        compile each .mo
    python tools/catalogs.py --add xx   start a catalog for language xx, then translate it

A new or changed message comes out untranslated (or fuzzy, when Babel finds a close one)
in every .po; ``tests/test_catalog.py`` fails until each language has it. Only files whose
content changes are written, so a run that changes nothing leaves the tree as it was.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from sphinx_postlog.record.output_files import write_if_changed

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "sphinx_postlog"
LOCALES = PACKAGE / "locales"
DOMAIN = "sphinx_postlog"
TEMPLATE = LOCALES / f"{DOMAIN}.pot"
#: What is extracted: the code (``_``, ``ngettext``, ``CountedLabel``) and the templates
#: (``_``, ``gettext``, ``ngettext`` and ``{% trans %}``, should one use them). Not
#: ``templates/ablog/``: that is ABlog's markup, rendered by Sphinx's own templates
#: with Sphinx's ``gettext``, as ABlog rendered it.
METHODS = [("**.py", "python"), ("templates/postlog/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "CountedLabel": (1, 2)}
COMMENT_TAGS = ("Translators:",)
#: The plural rule each language's catalog is written with, as GNU gettext's manual
#: gives them (Babel's own rules add a form for millions in French, Spanish, Italian and
#: Portuguese, which no label needs).
PLURAL_FORMS = {
    "cs": "nplurals=3; plural=(n==1 ? 0 : n>=2 && n<=4 ? 1 : 2);",
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20)"
          " ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "zh_CN": "nplurals=1; plural=0;",
    "zh_TW": "nplurals=1; plural=0;",
}
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


def extract() -> Catalog:
    """Every message of the code and templates, as the template catalog."""
    catalog = Catalog(project="sphinx-postlog", domain=DOMAIN, fuzzy=False,
                      header_comment="# The labels sphinx-postlog writes on a site's pages "
                      "(tools/catalogs.py extracts them).")
    for filename, _lineno, message, comments, context in extract_from_dir(
            PACKAGE, METHODS, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
            strip_comment_tags=True):
        location = (f"sphinx_postlog/{Path(filename).as_posix()}", 0)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def po_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages with a catalog."""
    return sorted(path.parts[-3] for path in LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_text(catalog: Catalog, template: bool = False) -> bytes:
    """A catalog as .po text, the same for the same messages: sorted, with files but
    not line numbers (which change with every edit of the code)."""
    out = io.BytesIO()
    write_po(out, catalog, width=88, sort_output=True, include_lineno=False,
             omit_header=False, ignore_obsolete=True)
    lines = out.getvalue().splitlines(keepends=True)
    dated = (b'"POT-Creation-Date:', b'"PO-Revision-Date:', b'"Generated-By:',
             b'"Project-Id-Version:', b'"Report-Msgid-Bugs-To:', b'"Last-Translator:',
             b'"Language-Team:')
    kept = [line for line in lines if not line.startswith(dated)]
    if template:
        kept = [line for line in kept if not line.startswith(b'"Plural-Forms:')]
    return b"".join(kept)


#: The dates written in every compiled catalog's header (the .po files have none), so
#: that the same messages compile to the same bytes.
FIXED_DATE = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def mo_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def new_catalog(language: str, template: Catalog) -> Catalog:
    """An empty catalog for ``language``."""
    get_plural(language)  # fails on a language Babel does not know
    return Catalog(locale=language, domain=DOMAIN, project="sphinx-postlog", fuzzy=False,
                   header_comment=f"# sphinx-postlog's labels in {language}.")


def set_plural_forms(catalog: Catalog, language: str) -> None:
    """Give ``catalog`` the plural rule of ``language`` (``PLURAL_FORMS``)."""
    forms = PLURAL_FORMS.get(language, DEFAULT_PLURAL_FORMS)
    catalog.mime_headers = [*catalog.mime_headers, ("Plural-Forms", forms)]


def update(languages_: Iterable[str]) -> list[Path]:
    """Extract the template, update each language's catalog from it and compile it;
    the files written."""
    template = extract()
    written = [TEMPLATE] if write_if_changed(TEMPLATE, po_text(template, template=True)) else []
    for language in languages_:
        path = po_path(language)
        if path.is_file():
            catalog = read(path)
            catalog.update(template)
        else:
            catalog = new_catalog(language, template)
        set_plural_forms(catalog, language)
        catalog.update(template)  # each plural message with as many forms as the rule
        if write_if_changed(path, po_text(catalog)):
            written.append(path)
        if write_if_changed(path.with_suffix(".mo"), mo_bytes(read(path))):
            written.append(path.with_suffix(".mo"))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--add", metavar="LANGUAGE", action="append", default=[],
                        help="start the catalog of LANGUAGE (pt_BR, zh_TW …)")
    options = parser.parse_args(argv)
    for path in update(sorted({*languages(), *options.add})):
        print(f"wrote {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
