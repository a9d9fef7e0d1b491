"""
Geometry of the small server-rendered SVG charts on the knowledge pages.

Pure functions: counts in, bars with coordinates out; the templates draw
them. No JavaScript and nothing from a CDN.
"""

from dataclasses import dataclass

LABEL_WIDTH = 150
BAR_HEIGHT = 22
BAR_GAP = 8
COLUMN_GAP = 6
AXIS_HEIGHT = 24
TOP_MARGIN = 20


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    url: str = ""

    @property
    def label_x(self):
        return self.x + self.width // 2

    @property
    def value_y(self):
        return self.y - 4

    @property
    def end_x(self):
        return self.x + self.width


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple

    @property
    def axis_y(self):
        return self.height - AXIS_HEIGHT


def columns(counts, *, width=640, height=220):
    """Vertical bars, one per (label, value[, url]) in the order given: a timeline."""
    counts = [(*item, "")[:3] for item in counts]
    if not counts:
        return Chart(width, height, ())
    top = max(value for _, value, _ in counts) or 1
    plot_height = height - AXIS_HEIGHT - TOP_MARGIN
    step = width / len(counts)
    bars = []
    for index, (label, value, url) in enumerate(counts):
        bar_height = plot_height * value / top
        bars.append(
            Bar(
                label=str(label),
                value=value,
                x=round(index * step + COLUMN_GAP / 2),
                y=round(height - AXIS_HEIGHT - bar_height),
                width=round(step - COLUMN_GAP),
                height=round(bar_height),
                url=url,
            )
        )
    return Chart(width, height, tuple(bars))


def bars(counts, *, width=640):
    """Horizontal bars, one per (label, value[, url]), longest first: a ranking."""
    counts = sorted(((*item, "")[:3] for item in counts), key=lambda item: (-item[1], item[0]))
    if not counts:
        return Chart(width, 0, ())
    top = max(value for _, value, _ in counts) or 1
    plot_width = width - LABEL_WIDTH - 40
    result = []
    for index, (label, value, url) in enumerate(counts):
        result.append(
            Bar(
                label=str(label),
                value=value,
                x=LABEL_WIDTH,
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=round(plot_width * value / top),
                height=BAR_HEIGHT,
                url=url,
            )
        )
    return Chart(width, len(counts) * (BAR_HEIGHT + BAR_GAP), tuple(result))
