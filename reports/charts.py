"""The monitoring report's charts, drawn on the server as SVG by pygal for its PDF (the style
and clean-up of surveys/charts.py): the indicators against their targets and the pairs'
effectiveness levels."""

import pygal
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from surveys.charts import chart_config, chart_svg, count_ticks

_BAR_HEIGHT = 34
_TARGET_COLOUR = "#adb5bd"


def _percent(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + " %"


def indicators_chart(figures: list[dict]) -> SafeString | None:
    """A horizontal bar per indicator with a value: the value beside the target, in percent."""
    shown = [
        {**f, "title": f"{number}. {f['title']}"}
        for number, f in enumerate(figures, start=1)
        if f["value"] is not None or f["target"] is not None
    ]
    if not shown:
        return None
    # pygal draws the first bar at the bottom; the table lists it first.
    shown = shown[::-1]
    config = chart_config(
        height=60 + _BAR_HEIGHT * 2 * len(shown),
        show_legend=True,
        legend_at_bottom=True,
        range=(0, 100),
        truncate_label=70,
        colors=("#0d6efd", _TARGET_COLOUR),
    )
    chart = pygal.HorizontalBar(config)
    chart.config.value_formatter = _percent
    chart.config.y_labels = list(range(0, 101, 20))
    chart.x_labels = [_short(f["title"]) for f in shown]
    chart.add(_("Значение"), [f["value"] for f in shown])
    chart.add(_("Цель"), [f["target"] for f in shown])
    return chart_svg(chart)


def _short(title: str) -> str:
    """«Доля обучающихся 10–18 лет, вошедших…» reads in the chart as its first words."""
    return title if len(title) <= 48 else title[:46].rsplit(" ", 1)[0] + "…"


def levels_chart(levels: list[dict]) -> SafeString | None:
    """Pairs and groups by effectiveness level (seed 003 §6)."""
    counts = [row["count"] for row in levels]
    if not any(counts):
        return None
    config = chart_config(height=180, x_label_rotation=0)
    chart = pygal.Bar(config)
    chart.config.value_formatter = lambda value: f"{value:.0f}"
    chart.config.y_labels = count_ticks(max(counts))
    chart.x_labels = [row["label"] for row in levels]
    chart.add(_("Пары и группы"), counts)
    return chart_svg(chart)


def report_charts(data: dict) -> dict[str, SafeString | None]:
    if data.get("municipal"):
        return {"indicators": indicators_chart(data["totals"]), "levels": None}
    return {
        "indicators": indicators_chart(data["figures"]),
        "levels": levels_chart(data["levels"]),
    }
