"""Every warning sphinx-postlog gives is of type ``postlog`` with a documented subtype,
so ``suppress_warnings = ["postlog"]`` silences them all."""

from __future__ import annotations

from conftest import build_site, copy_root, parsed_warnings, warning_lines
from sphinx_postlog.diagnostics import PostlogWarning
from sphinx_postlog.read import schedule


def _build(tmp_path, **kwargs):
    srcdir = copy_root("frontmatter", tmp_path)
    index = srcdir / "index.md"
    index.write_text(index.read_text() + "\nSee {postlog:tag}`no-such-tag` and "
                     "{postlog:year}`1999`.\n")
    app = build_site(srcdir, **kwargs)
    return app


def test_unknown_role_targets_are_postlog_warnings(tmp_path) -> None:
    app = _build(tmp_path)
    assert [(path, kind) for path, _, kind in parsed_warnings(app)] == [
        ("index.md", "postlog.reference")] * 2


def test_postlog_silences_them_all(tmp_path) -> None:
    app = _build(tmp_path, confoverrides={"suppress_warnings": ["postlog"]})
    assert warning_lines(app) == []


def test_a_bad_source_date_epoch_is_a_config_warning(monkeypatch) -> None:
    """Sphinx reads SOURCE_DATE_EPOCH first and stops on what it cannot read; a value
    it reads (a float) is read here too, and anything else is a postlog warning."""
    warned = []
    monkeypatch.setattr(schedule, "warn", lambda *args, **kwargs: warned.append(args))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000.5")
    assert schedule.build_time().timestamp() == 1700000000.5
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    schedule.build_time()
    assert warned == [("SOURCE_DATE_EPOCH='yesterday' is not a number of seconds; "
                       "using the clock", PostlogWarning.CONFIG)]
