"""The message catalogs have one source: the template (.pot) is what the code and the
templates say, and every language's catalog translates all of it, compiled."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import jinja2
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from sphinx.util.i18n import date_format_mappings

from conftest import PACKAGE, REPO
from sphinx_postlog.i18n import format_date, template_labels


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalogs", REPO / "tools" / "catalogs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["catalogs"] = module
    spec.loader.exec_module(module)
    return module


catalogs = _tool()
LOCALES = PACKAGE / "locales"
LANGUAGES = catalogs.languages()
#: The languages sphinx-postlog ships labels in, besides English.
SHIPPED = ["cs", "de", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt_BR", "ru", "sv", "tr",
           "uk", "zh_CN", "zh_TW"]
_PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sd]|\{[a-z_]*\}")


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _forms(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


def _id(message: Message) -> object:
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else message.id


def _messages(catalog: Catalog) -> dict[object, Message]:
    return {message.id: message for message in catalog if message.id}


def _is_date_format(message: Message) -> bool:
    return any("a date format" in comment for comment in message.auto_comments)


def test_every_shipped_language_has_a_catalog() -> None:
    assert LANGUAGES == SHIPPED


def test_the_template_is_what_the_code_says() -> None:
    """A label added to or removed from the code or the templates without running
    ``python tools/catalogs.py`` fails here."""
    extracted = {message.id: message.auto_comments for message in catalogs.extract()
                 if message.id}
    template = _read(catalogs.TEMPLATE)
    assert {message.id: message.auto_comments for message in template if message.id} \
        == extracted


def _template_text(source: str) -> str:
    """What a template writes of its own (its Jinja parts taken out)."""
    return re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "\x00", source, flags=re.DOTALL)


_ATTRIBUTE = re.compile(r'\b(?:aria-label|title|alt|placeholder)="([^"]*)"')
_LETTERS = re.compile(r"[^\W\d_]{2,}")
TEMPLATES = sorted((PACKAGE / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_templates_write_no_word_of_their_own(path: Path) -> None:
    """Every word a reader sees comes from the catalog (through ``labels``); a word
    written in a template would be English on every site."""
    text = _template_text(path.read_text(encoding="utf-8"))
    words = [word for value in _ATTRIBUTE.findall(text) for word in _LETTERS.findall(value)]
    # what a reader sees: no markup, and no script or style (code, not words)
    visible = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    visible = re.sub(r"<[^>]*>", " ", visible)
    words += _LETTERS.findall(re.sub(r"&[a-z]+;", " ", visible))
    assert words == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_templates_use_labels_that_exist(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    used = set(re.findall(r"\blabels\.([a-z_]+)", source))
    assert used <= set(template_labels())
    environment = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    environment.parse(source)  # extraction (jinja2's babel_extract) can read it


def test_the_template_has_each_label_of_the_templates() -> None:
    ids = {message.id for message in _read(catalogs.TEMPLATE)}
    assert {("%d min read", "%d min read")} | {
        str(label) for key, label in template_labels().items() if key != "reading_time"
    } <= ids


@pytest.fixture(scope="module", params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_catalog_translates_every_message(language: str) -> None:
    template = _messages(_read(catalogs.TEMPLATE))
    catalog = _read(catalogs.po_path(language))
    messages = _messages(catalog)
    assert set(messages) == set(template), "run python tools/catalogs.py"
    assert not catalog.fuzzy
    for message in messages.values():
        assert not message.fuzzy, message.id
        assert all(form.strip() for form in _forms(message)), f"untranslated: {message.id}"
        if message.pluralizable:
            assert len(_forms(message)) == catalog.num_plurals, message.id
    assert not catalog.obsolete, "obsolete messages: run python tools/catalogs.py"


def test_catalog_plural_rule(language: str) -> None:
    catalog = _read(catalogs.po_path(language))
    rule = catalogs.PLURAL_FORMS.get(language, catalogs.DEFAULT_PLURAL_FORMS)
    assert catalog.plural_forms == rule


def test_catalog_keeps_placeholders(language: str) -> None:
    moment = dt.datetime(2024, 7, 4, 9, 30, tzinfo=dt.timezone.utc)
    for message in _read(catalogs.po_path(language)):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if _is_date_format(message):
            for form in _forms(message):
                directives = re.findall(r"%-?[a-zA-Z%]", form)
                assert directives and set(directives) <= set(date_format_mappings), form
                assert "2024" in format_date(form, moment, language)
            continue
        expected = sorted(_PLACEHOLDER.findall(ids[0]))
        for form in _forms(message):
            assert sorted(_PLACEHOLDER.findall(form)) == expected, (message.id, form)
            assert "%" not in _PLACEHOLDER.sub("", form), (message.id, form)


def test_compiled_catalog_is_up_to_date(language: str) -> None:
    po_path = catalogs.po_path(language)
    catalog = _read(po_path)
    with po_path.with_suffix(".mo").open("rb") as handle:
        shipped = read_mo(handle)
    assert {_id(m): _forms(m) for m in shipped if m.id} == {
        _id(m): _forms(m) for m in catalog if m.id}, "run python tools/catalogs.py"
    assert shipped.plural_forms == catalog.plural_forms


#: Minutes and the words each language says them with (its plural forms in use).
READING_TIMES = {
    "ru": {1: "1 минута чтения", 2: "2 минуты чтения", 5: "5 минут чтения",
           11: "11 минут чтения", 21: "21 минута чтения", 22: "22 минуты чтения",
           112: "112 минут чтения"},
    "uk": {1: "1 хвилина читання", 3: "3 хвилини читання", 5: "5 хвилин читання",
           21: "21 хвилина читання", 12: "12 хвилин читання"},
    "pl": {1: "1 minuta czytania", 2: "2 minuty czytania", 5: "5 minut czytania",
           12: "12 minut czytania", 21: "21 minut czytania", 22: "22 minuty czytania"},
    "cs": {1: "1 minuta čtení", 4: "4 minuty čtení", 5: "5 minut čtení",
           21: "21 minut čtení"},
    "es": {1: "1 minuto de lectura", 2: "2 minutos de lectura"},
    "fr": {1: "1 min de lecture", 2: "2 min de lecture"},
    "ja": {1: "1分で読めます", 7: "7分で読めます"},
}


@pytest.mark.parametrize("language", sorted(READING_TIMES))
def test_plural_forms_follow_each_language(language: str) -> None:
    with catalogs.po_path(language).with_suffix(".mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    for minutes, text in READING_TIMES[language].items():
        assert translations.ngettext("%d min read", "%d min read", minutes) % minutes == text
