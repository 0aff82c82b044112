"""The parts of post views kept between pages: a bounded number, remade for a post
that changed."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from sphinx_postlog.collect.registry import get_registry
from sphinx_postlog.render import views
from sphinx_postlog.render.views import Presenter
from sphinx_postlog.settings import build_settings


@pytest.fixture(scope="module")
def site(built_root):
    app = built_root("archives")
    app.config.postlog_date_format = "%Y-%m-%d"  # no translations outside a build
    build_settings(app, app.config)  # the settings, made again from the changed value
    return app


def test_fixed_views_are_kept_for_the_posts_shown_last(site, monkeypatch) -> None:
    monkeypatch.setattr(views, "FIXED_VIEWS_KEPT", 2)
    first, second, third, *_ = get_registry(site.env).newest_first()
    presenter = Presenter(site.config)
    kept = presenter._fixed_view(first)
    assert presenter._fixed_view(first) is kept
    presenter._fixed_view(second)
    assert presenter._fixed_view(first) is kept  # two kept
    presenter._fixed_view(third)  # the first made goes
    remade = presenter._fixed_view(first)
    assert remade is not kept and remade == kept
    assert presenter._fixed_view(third) is presenter._fixed_view(third)


def test_a_changed_post_is_viewed_anew(site) -> None:
    post = get_registry(site.env).newest_first()[0]
    presenter = Presenter(site.config)
    before = presenter._fixed_view(post)
    retitled = dataclasses.replace(post, title="Another title")
    assert presenter._fixed_view(retitled).title == "Another title"
    assert before.title == post.title


@pytest.mark.parametrize(("offset", "written"), [
    (dt.timedelta(hours=14), "2024-01-01T10:00:00+14:00"),
    (-dt.timedelta(hours=14), "2024-01-01T10:00:00-14:00"),
    (dt.timedelta(hours=14, minutes=1), "2023-12-31T19:59:00+00:00"),
    (-dt.timedelta(hours=23, minutes=59), "2024-01-02T09:59:00+00:00"),
])
def test_timestamps_keep_offsets_xml_schema_takes(offset: dt.timedelta, written: str) -> None:
    """Atom's dates are XML Schema's dateTime, whose offsets end at ±14:00: a wider one
    (which no zone has) is written in UTC, the same instant."""
    moment = dt.datetime(2024, 1, 1, 10, 0, 0, 123, tzinfo=dt.timezone(offset))
    assert views.rfc3339(moment) == written
    assert dt.datetime.fromisoformat(written) == moment.replace(microsecond=0)
