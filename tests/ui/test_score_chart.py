"""The painted score chart: it renders with any amount of data and says the data in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPalette

from linkworker_desktop.ui.widgets.score_chart import (
    MARKERS,
    NO_DATA_TEXT,
    ChartSeries,
    ScoreChart,
    nice_step,
    series_colour,
    summary_text,
)

START = date(2026, 6, 3)
LIFE = ChartSeries("Life satisfaction", ((START, 4), (date(2026, 9, 2), 7)))
ANXIETY = ChartSeries("Anxiety", ((START, 8), (date(2026, 9, 2), 5)), higher_is_better=False)


@pytest.fixture
def chart(qtbot):
    widget = ScoreChart("ONS4")
    qtbot.addWidget(widget)
    widget.resize(560, 280)
    return widget


def render(widget, size: QSize | None = None) -> QImage:
    size = size or QSize(560, 280)
    widget.resize(size)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor("magenta"))
    widget.render(image)
    assert not image.isNull()
    return image


def colours(image: QImage) -> set[int]:
    return {
        image.pixel(x, y) for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
    }


def test_no_points_renders_a_plain_message(chart):
    chart.set_data([], 0, 10)
    image = render(chart)
    assert QColor("magenta").rgb() not in colours(image)  # the background was painted
    assert chart.summary() == NO_DATA_TEXT
    assert chart.accessibleDescription() == NO_DATA_TEXT


def test_one_point_renders_and_is_described(chart):
    chart.set_data([ChartSeries("Happiness", ((START, 6),))], 0, 10)
    image = render(chart)
    assert len(colours(image)) > 3
    assert chart.summary() == "Happiness: 6 on 3 Jun."


def test_many_points_and_lines_render(chart):
    many = [
        ChartSeries(
            f"Score {n}",
            tuple((START + timedelta(days=14 * i), (i * (n + 1)) % 11) for i in range(24)),
            higher_is_better=n != 2,
        )
        for n in range(6)
    ]
    chart.set_data(many, 0, 10)
    for size in (QSize(560, 280), QSize(300, 200), QSize(1200, 500)):
        image = render(chart, size)
        assert len(colours(image)) > 10
    assert chart.summary().count(" on ") == 6 * 24


def test_the_summary_lists_every_value_in_words(chart):
    chart.set_data([LIFE, ANXIETY], 0, 10)
    text = chart.accessibleDescription()
    assert text == (
        "Life satisfaction: 4 on 3 Jun, 7 on 2 Sep. "
        "Anxiety (lower is better): 8 on 3 Jun, 5 on 2 Sep."
    )
    assert chart.toolTip() == text
    assert chart.accessibleName() == "ONS4 chart"


def test_empty_series_are_left_out_of_chart_and_words(chart):
    chart.set_data([LIFE, ChartSeries("Worthwhile", ())], 0, 10)
    assert [s.label for s in chart.series] == ["Life satisfaction"]
    assert "Worthwhile" not in chart.summary()


def test_lines_differ_by_marker_shape_not_only_colour():
    assert len(set(MARKERS)) == len(MARKERS) >= 4


def test_dark_mode_uses_the_palette(chart):
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    dark.setColor(QPalette.ColorRole.Mid, QColor("#555555"))
    chart.setPalette(dark)
    chart.set_data([LIFE, ANXIETY], 0, 10)
    image = render(chart)
    corner = QColor(image.pixel(2, image.height() - 2))
    assert corner.lightness() < 60
    text_like = [QColor(p) for p in colours(image) if QColor(p).lightness() > 200]
    assert text_like, "light text should be painted on the dark background"
    assert series_colour(0, True).lightness() > series_colour(0, False).lightness()


def test_a_range_of_one_or_less_still_draws(chart):
    chart.set_data([LIFE], 5, 5)
    assert chart.y_max > chart.y_min
    render(chart)


def test_tick_steps_stay_readable():
    assert nice_step(10) == 2
    assert nice_step(6) == 1
    assert nice_step(28) == 5
    assert nice_step(0) == 1


def test_summary_text_handles_decimals():
    series = [ChartSeries("Wellbeing", ((START, 23.21),))]
    assert summary_text(series) == "Wellbeing: 23.21 on 3 Jun."
