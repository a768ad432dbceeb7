"""Charts of results drawn on the server as SVG by pygal, for the PDF report and e-mails,
where no script runs. The page draws the same figures with Chart.js."""

import math
import re

import pygal
from django.utils.safestring import SafeString, mark_safe
from pygal.style import Style

from .selectors.results import ItemResult

_STYLE_OPTIONS = dict(
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    value_font_size=11,
    value_label_font_size=11,
    title_font_size=12,
    # Thin solid grid lines: pygal's dashed ones cut through the figures on the bars.
    guide_stroke_color="#dee2e6",
    guide_stroke_dasharray="0",
    major_guide_stroke_color="#dee2e6",
    major_guide_stroke_dasharray="0",
)
# pygal writes its configuration for its tooltips into an inline script even without them.
_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)
_WIDTH = 640
_BAR_HEIGHT = 26
_MIN_HEIGHT = 140


def chart_config(colors: tuple[str, ...] = ("#0d6efd",), **options):
    settings = {
        "width": _WIDTH,
        "show_legend": False,
        "print_values": True,
        "truncate_label": 60,
        **options,
    }
    return pygal.Config(
        style=Style(**_STYLE_OPTIONS, colors=colors),
        # No scripts or tooltips: the SVG goes into a PDF.
        js=[],
        disable_xml_declaration=True,
        explicit_size=True,
        **settings,
    )


def count_ticks(top: float) -> list[int]:
    step = max(1, math.ceil(top / 6))
    return list(range(0, int(top) + step, step))


def item_chart_svg(item: ItemResult) -> SafeString | None:
    """The SVG of one question's chart, or None when it has nothing to draw."""
    spec = item.chart
    if spec is None:
        return None
    horizontal = spec["type"] in ("horizontal", "matrix")
    labels = [str(label) for label in spec["labels"]]
    if horizontal:
        height = max(_MIN_HEIGHT, 40 + _BAR_HEIGHT * len(labels))
        chart = pygal.HorizontalBar(chart_config(height=height))
    else:
        chart = pygal.Bar(chart_config(height=220, x_label_rotation=0))
    if spec["type"] == "matrix":
        chart.config.range = (spec["min"], spec["max"])
        chart.config.value_formatter = lambda value: f"{value:.2f}".replace(".", ",")
    else:
        chart.config.value_formatter = lambda value: f"{value:.0f}"
        # Counts are whole: pygal's fractional ticks would print as «1, 1, 2, 2…».
        chart.config.y_labels = count_ticks(max(spec["data"], default=0))
    if not horizontal:
        # A scale's point reads by its number under the bar; its words are in the table.
        labels = [label.split(" — ", 1)[0] for label in labels]
    data = list(spec["data"])
    if horizontal:
        # pygal draws a horizontal chart's first bar at the bottom; the table lists it first.
        labels, data = labels[::-1], data[::-1]
    chart.x_labels = labels
    chart.add(str(spec["label"]), data)
    return chart_svg(chart)


def chart_svg(chart) -> SafeString:
    """The chart's SVG without pygal's script."""
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    return mark_safe(svg)  # noqa: S308 (pygal's own markup, labels escaped by it)
