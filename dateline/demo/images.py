"""Deterministic flat illustrations for the demo content.

The demo site needs pictures, but shipping photographs of a real city would
contradict the fictional setting (and would bloat the repository). Instead
every picture is drawn with Pillow's ``ImageDraw`` from a scene name and a
seed: the seed picks the time of day, the palette and where things stand, so
the same ``(scene, seed)`` pair always produces the same JPEG bytes.

Only simple shapes are used and no text is drawn, so the pictures need no
fonts and say nothing that the alt text would have to repeat.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence

from PIL import Image, ImageDraw

__all__ = ["SCENES", "render_scene"]

SCENES: tuple[str, ...] = (
    "river",
    "park",
    "street",
    "cityhall",
    "meeting",
    "construction",
    "fire",
    "library",
    "market",
    "bridge",
    "trees",
    "bus",
)

JPEG_QUALITY = 85

RGB = tuple[int, int, int]

# Time of day: sky gradient (top, horizon), sun colour, and a tint that is
# blended into every scenery colour (tint colour, amount, brightness).
_TIMES: dict[str, dict] = {
    "morning": {
        "sky": ((126, 184, 226), (238, 228, 212)),
        "sun": (255, 244, 214),
        "tint": ((255, 236, 210), 0.06, 1.0),
        "sun_height": 0.55,
        "lit": False,
    },
    "midday": {
        "sky": ((70, 140, 214), (182, 218, 240)),
        "sun": (255, 250, 228),
        "tint": ((255, 255, 255), 0.0, 1.0),
        "sun_height": 0.2,
        "lit": False,
    },
    "golden": {
        "sky": ((92, 128, 188), (250, 196, 136)),
        "sun": (255, 220, 150),
        "tint": ((255, 176, 96), 0.13, 0.96),
        "sun_height": 0.7,
        "lit": False,
    },
    "dusk": {
        "sky": ((38, 48, 98), (236, 142, 112)),
        "sun": (255, 196, 140),
        "tint": ((96, 64, 120), 0.2, 0.78),
        "sun_height": 0.85,
        "lit": True,
    },
}

_GREENS: tuple[RGB, ...] = ((88, 146, 74), (70, 128, 72), (110, 158, 80), (60, 118, 88))
_FACADES: tuple[RGB, ...] = (
    (196, 110, 84),
    (226, 196, 150),
    (150, 170, 150),
    (214, 160, 112),
    (176, 150, 190),
    (236, 222, 196),
    (128, 150, 178),
    (204, 132, 120),
)
_ACCENTS: tuple[RGB, ...] = (
    (214, 72, 64),
    (46, 120, 180),
    (240, 180, 60),
    (46, 150, 120),
    (150, 84, 160),
    (232, 120, 50),
)
_CLOTHES: tuple[RGB, ...] = (
    (62, 82, 120),
    (150, 60, 60),
    (70, 110, 90),
    (120, 90, 150),
    (200, 140, 60),
    (60, 60, 70),
    (40, 120, 150),
)
_SKIN: tuple[RGB, ...] = ((240, 200, 170), (198, 150, 112), (150, 104, 72), (104, 70, 50))


def _clamp(value: float) -> int:
    return 0 if value < 0 else 255 if value > 255 else int(value)


def _mix(a: Sequence[int], b: Sequence[int], t: float) -> RGB:
    return (
        _clamp(a[0] + (b[0] - a[0]) * t + 0.5),
        _clamp(a[1] + (b[1] - a[1]) * t + 0.5),
        _clamp(a[2] + (b[2] - a[2]) * t + 0.5),
    )


def _scale(c: Sequence[int], f: float) -> RGB:
    return (_clamp(c[0] * f), _clamp(c[1] * f), _clamp(c[2] * f))


class _Canvas:
    """Drawing state shared by the scene painters."""

    def __init__(self, scene: str, seed: int, width: int, height: int) -> None:
        self.rng = random.Random(f"dateline-demo:{scene}:{seed}")
        self.w = width
        self.h = height
        self.u = min(width / 1600, height / 1000)  # size unit, 1.0 at 1600x1000
        self.image = Image.new("RGB", (width, height))
        self.draw = ImageDraw.Draw(self.image)
        self.time = self.rng.choice(tuple(_TIMES))
        self.spec = _TIMES[self.time]
        self.lit = self.spec["lit"]
        self.hue = self.rng.randint(-14, 14)

    # colours ---------------------------------------------------------
    def c(self, colour: Sequence[int], jitter: int = 0) -> RGB:
        """Scenery colour adjusted for the time of day (and optionally jittered)."""
        if jitter:
            j = self.rng.randint
            colour = (
                colour[0] + j(-jitter, jitter),
                colour[1] + j(-jitter, jitter),
                colour[2] + j(-jitter, jitter),
            )
        tint, amount, brightness = self.spec["tint"]
        return _scale(_mix(colour, tint, amount), brightness)

    def pick(self, colours: Sequence[RGB], jitter: int = 8) -> RGB:
        return self.c(self.rng.choice(colours), jitter)

    def window_colour(self) -> RGB:
        if self.lit and self.rng.random() < 0.7:
            return self.rng.choice(((255, 214, 120), (255, 228, 160), (250, 200, 110)))
        return self.c((150, 190, 220) if self.time != "dusk" else (70, 84, 120), 10)

    # geometry helpers -------------------------------------------------
    def px(self, fraction: float) -> int:
        return int(round(fraction * self.w))

    def py(self, fraction: float) -> int:
        return int(round(fraction * self.h))

    def s(self, size: float) -> int:
        return max(1, int(round(size * self.u)))

    # shared elements ---------------------------------------------------
    def gradient(self, top: int, bottom: int, c1: Sequence[int], c2: Sequence[int]) -> None:
        span = max(1, bottom - top)
        line = self.draw.line
        w = self.w
        for y in range(top, bottom):
            line([(0, y), (w, y)], fill=_mix(c1, c2, (y - top) / span))

    def sky(self, horizon: int, sun: bool = True, clouds: bool = True) -> None:
        top, bottom = self.spec["sky"]
        self.gradient(0, horizon + 1, top, bottom)
        rng = self.rng
        if sun:
            r = self.s(rng.randint(38, 56))
            x = self.px(rng.uniform(0.08, 0.92))
            y = int(horizon * self.spec["sun_height"]) + r // 2
            halo = _mix(self.spec["sun"], bottom, 0.55)
            self.draw.ellipse([x - r * 2, y - r * 2, x + r * 2, y + r * 2], fill=halo)
            self.draw.ellipse(
                [x - int(r * 1.4), y - int(r * 1.4), x + int(r * 1.4), y + int(r * 1.4)],
                fill=_mix(self.spec["sun"], halo, 0.45),
            )
            self.draw.ellipse([x - r, y - r, x + r, y + r], fill=self.spec["sun"])
        if clouds:
            colour = _mix((255, 255, 255), bottom, 0.25 if self.time != "dusk" else 0.55)
            for _ in range(rng.randint(2, 5)):
                self.cloud(
                    self.px(rng.uniform(0.0, 1.0)),
                    int(horizon * rng.uniform(0.12, 0.6)),
                    self.s(rng.randint(90, 190)),
                    colour,
                )

    def cloud(self, x: int, y: int, size: int, colour: RGB) -> None:
        rng = self.rng
        d = self.draw
        d.rounded_rectangle(
            [x - size, y - size // 5, x + size, y + size // 5], radius=size // 5, fill=colour
        )
        for _ in range(4):
            cx = x + rng.randint(-size * 2 // 3, size * 2 // 3)
            r = rng.randint(size // 4, size // 2)
            d.ellipse([cx - r, y - r, cx + r, y + size // 5], fill=colour)

    def ridge(self, base: int, amplitude: int, colour: RGB, bottom: int | None = None) -> None:
        rng = self.rng
        phases = [rng.uniform(0, math.tau) for _ in range(3)]
        freqs = [rng.uniform(1.2, 2.2), rng.uniform(3.0, 5.0), rng.uniform(7.0, 11.0)]
        weights = (0.6, 0.28, 0.12)
        points = []
        steps = 64
        for i in range(steps + 1):
            t = i / steps
            v = sum(
                wt * (0.5 + 0.5 * math.sin(f * t * math.tau / 2 + p))
                for wt, f, p in zip(weights, freqs, phases, strict=True)
            )
            points.append((self.w * t, base - amplitude * v))
        end = self.h if bottom is None else bottom
        points += [(self.w, end), (0, end)]
        self.draw.polygon(points, fill=colour)

    def tree(self, x: int, ground: int, size: int, kind: str | None = None) -> None:
        """A tree standing on ``ground``; ``size`` is its height in pixels."""
        rng = self.rng
        d = self.draw
        kind = kind or rng.choice(("round", "round", "conifer", "poplar"))
        trunk = self.c((110, 78, 52), 10)
        green = self.pick(_GREENS, 12)
        dark = _scale(green, 0.8)
        tw = max(2, size // 14)
        if kind == "conifer":
            d.rectangle([x - tw // 2, ground - size // 5, x + tw // 2, ground], fill=trunk)
            for i in range(3):
                top = ground - size + i * size // 4
                half = size // 5 + i * size // 12
                bottom = top + size // 2
                d.polygon([(x, top), (x + half, bottom), (x - half, bottom)], fill=green)
                d.polygon([(x, top), (x + half, bottom), (x, bottom)], fill=dark)
            return
        d.rectangle([x - tw // 2, ground - size // 2, x + tw // 2, ground], fill=trunk)
        if kind == "poplar":
            r = size // 6
            d.ellipse([x - r, ground - size, x + r, ground - size // 4], fill=green)
            d.pieslice([x - r, ground - size, x + r, ground - size // 4], -90, 90, fill=dark)
            return
        r = size // 3
        cy = ground - size + r
        d.ellipse([x - r, cy - r, x + r, cy + r], fill=green)
        for dx, dy, f in ((-0.55, 0.3, 0.7), (0.55, 0.3, 0.7), (0.0, -0.35, 0.6)):
            rr = int(r * f)
            cx2 = x + int(r * dx)
            cy2 = cy + int(r * dy)
            d.ellipse([cx2 - rr, cy2 - rr, cx2 + rr, cy2 + rr], fill=green)
        rr = int(r * 0.6)
        d.ellipse(
            [x + r // 5, cy + r // 6 - rr // 2, x + r // 5 + rr * 2 - rr // 2, cy + r // 6 + rr],
            fill=dark,
        )

    def person(
        self,
        x: int,
        feet: int,
        height: int,
        colour: RGB | None = None,
        hat: RGB | None = None,
    ) -> None:
        rng = self.rng
        d = self.draw
        colour = colour or self.pick(_CLOTHES, 10)
        skin = self.c(rng.choice(_SKIN))
        legs = self.c((50, 54, 70), 8)
        head = max(2, height // 8)
        body_top = feet - height + head * 2
        shoulder = max(3, height // 6)
        d.rectangle([x - shoulder + 2, feet - height // 2, x + shoulder - 2, feet], fill=legs)
        d.line([(x, feet - height // 2 + 2), (x, feet)], fill=_scale(legs, 0.7), width=1)
        d.rounded_rectangle(
            [x - shoulder, body_top, x + shoulder, feet - height // 2 + 4],
            radius=max(1, shoulder // 2),
            fill=colour,
        )
        hy = feet - height + head
        d.ellipse([x - head, hy - head, x + head, hy + head], fill=skin)
        if hat is not None:
            d.pieslice(
                [x - head - 1, hy - head - 2, x + head + 1, hy + head - 2], 180, 360, fill=hat
            )
            d.rectangle([x - head - 3, hy - 3, x + head + 3, hy - 1], fill=hat)

    def silhouette(self, x: int, base: int, size: int, colour: RGB) -> None:
        """Head and shoulders seen from the front or behind (seated people)."""
        d = self.draw
        head = size // 4
        d.rounded_rectangle(
            [x - size // 2, base - size // 2, x + size // 2, base + size // 3],
            radius=size // 4,
            fill=colour,
        )
        d.ellipse(
            [x - head, base - size // 2 - head * 2, x + head, base - size // 2 + 2], fill=colour
        )

    def building(
        self, x0: int, x1: int, top: int, ground: int, facade: RGB, awning: bool = False
    ) -> None:
        d = self.draw
        rng = self.rng
        d.rectangle([x0, top, x1, ground], fill=facade)
        d.rectangle(
            [x0 - self.s(4), top - self.s(10), x1 + self.s(4), top], fill=_scale(facade, 0.8)
        )
        width = x1 - x0
        cols = max(2, width // self.s(52))
        win_w = max(4, int(width / cols * 0.5))
        floor = self.s(rng.randint(62, 78))
        shop = self.s(92)
        y = top + self.s(24)
        while y + floor * 0.6 < ground - shop:
            for i in range(cols):
                cx = x0 + int((i + 0.5) * width / cols)
                d.rectangle(
                    [cx - win_w // 2, y, cx + win_w // 2, y + int(floor * 0.55)],
                    fill=self.window_colour(),
                )
            y += floor
        d.rectangle([x0, ground - shop, x1, ground - shop + self.s(6)], fill=_scale(facade, 0.75))
        door_w = self.s(30)
        door_x = x0 + rng.randint(self.s(12), max(self.s(13), width - door_w - self.s(12)))
        d.rectangle(
            [door_x, ground - self.s(66), door_x + door_w, ground], fill=self.c((86, 64, 52), 10)
        )
        pane_x0 = x0 + self.s(10)
        if door_x - pane_x0 > self.s(40):
            d.rectangle(
                [pane_x0, ground - self.s(70), door_x - self.s(10), ground - self.s(16)],
                fill=self.window_colour(),
            )
        if x1 - (door_x + door_w) > self.s(50):
            d.rectangle(
                [
                    door_x + door_w + self.s(10),
                    ground - self.s(70),
                    x1 - self.s(10),
                    ground - self.s(16),
                ],
                fill=self.window_colour(),
            )
        if awning:
            colour = self.pick(_ACCENTS, 6)
            stripe = _mix(colour, (255, 255, 255), 0.75)
            ay = ground - shop + self.s(12)
            n = max(3, width // self.s(26))
            step = width / n
            for i in range(n):
                d.polygon(
                    [
                        (x0 + i * step, ay),
                        (x0 + (i + 1) * step, ay),
                        (x0 + (i + 1) * step + self.s(6), ay + self.s(30)),
                        (x0 + i * step + self.s(6), ay + self.s(30)),
                    ],
                    fill=colour if i % 2 == 0 else stripe,
                )

    def lamp(self, x: int, ground: int, height: int) -> None:
        d = self.draw
        pole = self.c((54, 60, 66))
        d.rectangle([x - self.s(3), ground - height, x + self.s(3), ground], fill=pole)
        d.line(
            [(x, ground - height), (x + self.s(22), ground - height - self.s(10))],
            fill=pole,
            width=self.s(5),
        )
        glow = (255, 226, 150) if self.lit else self.c((236, 236, 220))
        r = self.s(9)
        cx, cy = x + self.s(24), ground - height - self.s(4)
        d.ellipse([cx - r, cy - r // 2, cx + r, cy + r], fill=glow)

    def bench(self, x: int, ground: int, width: int) -> None:
        d = self.draw
        wood = self.c((140, 96, 60), 8)
        leg = self.c((60, 60, 64))
        h = width // 4
        d.rectangle([x, ground - h, x + width, ground - h + self.s(6)], fill=wood)
        d.rectangle([x, ground - h - self.s(18), x + width, ground - h - self.s(11)], fill=wood)
        for lx in (x + self.s(6), x + width - self.s(10)):
            d.rectangle([lx, ground - h, lx + self.s(4), ground], fill=leg)

    def cone(self, x: int, ground: int, size: int) -> None:
        d = self.draw
        orange = self.c((240, 110, 40))
        d.polygon(
            [(x, ground - size), (x + size // 3, ground), (x - size // 3, ground)], fill=orange
        )
        d.polygon(
            [
                (x - size // 6, ground - size // 2),
                (x + size // 6, ground - size // 2),
                (x + size // 5, ground - size * 2 // 5),
                (x - size // 5, ground - size * 2 // 5),
            ],
            fill=self.c((245, 245, 245)),
        )
        d.rectangle([x - size // 2, ground - size // 12, x + size // 2, ground], fill=orange)

    def barrier(self, x: int, ground: int, width: int) -> None:
        d = self.draw
        h = width // 3
        leg = self.c((230, 230, 230))
        for lx in (x + width // 8, x + width - width // 8):
            d.rectangle([lx - self.s(3), ground - h, lx + self.s(3), ground], fill=leg)
        for row in (ground - h, ground - h + h // 3):
            d.rectangle([x, row, x + width, row + h // 5], fill=self.c((250, 250, 250)))
            n = 6
            for i in range(0, n, 2):
                d.polygon(
                    [
                        (x + i * width / n, row),
                        (x + (i + 1) * width / n, row),
                        (x + (i + 1) * width / n - h // 5, row + h // 5),
                        (x + i * width / n - h // 5 + (h // 5 if i == 0 else 0), row + h // 5),
                    ],
                    fill=self.c((236, 100, 36)),
                )


# --------------------------------------------------------------------------
# scenes


def _river(cv: _Canvas) -> None:
    rng = cv.rng
    horizon = cv.py(rng.uniform(0.4, 0.48))
    cv.sky(horizon)
    cv.ridge(horizon + cv.s(6), cv.s(90), cv.c((120, 146, 170)))
    cv.ridge(horizon + cv.s(14), cv.s(50), cv.c((96, 136, 104)))
    cv.gradient(horizon + cv.s(12), cv.h, cv.c((126, 170, 90)), cv.c((88, 140, 70)))
    centre = rng.uniform(0.38, 0.62)
    phase = rng.uniform(0, math.tau)
    left: list[tuple[float, float]] = []
    right: list[tuple[float, float]] = []
    top = horizon + cv.s(14)
    steps = 40
    for i in range(steps + 1):
        t = i / steps
        y = top + (cv.h - top) * t
        cx = cv.w * (centre + math.sin(phase + t * 3.2) * 0.16 * t)
        half = cv.w * (0.012 + 0.36 * t**1.6)
        left.append((cx - half, y))
        right.append((cx + half, y))
    bank = cv.c((196, 176, 128))
    sand = [(x - cv.s(10) - 18 * (y - top) / cv.h, y) for x, y in left]
    sand += [(x + cv.s(10) + 18 * (y - top) / cv.h, y) for x, y in reversed(right)]
    cv.draw.polygon(sand, fill=bank)
    water_top = _mix(cv.spec["sky"][1], (70, 120, 160), 0.35)
    water = left + list(reversed(right))
    cv.draw.polygon(water, fill=cv.c(water_top))
    deep = cv.c((58, 108, 150))
    inner_l = [(x + (rx - x) * 0.18, y) for (x, y), (rx, _) in zip(left, right, strict=True)]
    inner_r = [(x - (x - lx) * 0.18, y) for (lx, _), (x, y) in zip(left, right, strict=True)]
    cv.draw.polygon(inner_l[8:] + list(reversed(inner_r[8:])), fill=deep)
    ripple = _mix(deep, (255, 255, 255), 0.45)
    for _ in range(70):
        i = rng.randint(4, steps)
        (lx, y), (rx, _) = left[i], right[i]
        x = rng.uniform(lx + (rx - lx) * 0.1, rx - (rx - lx) * 0.2)
        length = (rx - lx) * rng.uniform(0.05, 0.14)
        cv.draw.line([(x, y), (x + length, y)], fill=ripple, width=max(1, cv.s(2 + 3 * i / steps)))
    trees = []
    for _ in range(rng.randint(9, 14)):
        i = rng.randint(2, steps - 6)
        t = i / steps
        side = rng.choice((left, right))
        x, y = side[i]
        offset = cv.w * rng.uniform(0.04, 0.2) * (0.3 + t)
        x = x - offset if side is left else x + offset
        trees.append((y, int(x), cv.s(70 + 330 * t**1.3)))
    for y, x, size in sorted(trees):
        cv.tree(x, int(y), size)


def _park(cv: _Canvas) -> None:
    rng = cv.rng
    horizon = cv.py(rng.uniform(0.42, 0.5))
    cv.sky(horizon)
    cv.ridge(horizon + cv.s(4), cv.s(60), cv.c((130, 156, 176)))
    cv.gradient(horizon, cv.h, cv.c((140, 190, 100)), cv.c((92, 156, 76)))
    # distant tree line
    x = -cv.s(30)
    while x < cv.w + cv.s(30):
        r = cv.s(rng.randint(26, 46))
        cv.draw.ellipse([x - r, horizon - r, x + r, horizon + r // 2], fill=cv.c((80, 128, 84), 6))
        x += int(r * 1.3)
    # winding path
    start = rng.uniform(0.3, 0.7)
    phase = rng.uniform(0, math.tau)
    left, right = [], []
    steps = 30
    for i in range(steps + 1):
        t = i / steps
        y = horizon + cv.s(10) + (cv.h - horizon) * t
        cx = cv.w * (start + 0.18 * math.sin(phase + t * 4) * t)
        half = cv.w * (0.006 + 0.09 * t**1.4)
        left.append((cx - half, y))
        right.append((cx + half, y))
    path = cv.c((226, 206, 164))
    cv.draw.polygon(left + list(reversed(right)), fill=path)
    edge = _scale(path, 0.85)
    cv.draw.line(left, fill=edge, width=cv.s(3))
    cv.draw.line(right, fill=edge, width=cv.s(3))
    # flower beds
    for _ in range(rng.randint(3, 5)):
        t = rng.uniform(0.3, 0.9)
        y = int(horizon + (cv.h - horizon) * t)
        x = cv.px(rng.choice((rng.uniform(0.02, 0.25), rng.uniform(0.75, 0.98))))
        bw, bh = cv.s(160 * t), cv.s(40 * t)
        cv.draw.ellipse([x - bw, y - bh, x + bw, y + bh], fill=cv.c((110, 84, 60)))
        colour = cv.pick(_ACCENTS, 10)
        for _ in range(int(30 * t) + 4):
            fx = x + rng.randint(-bw * 3 // 4, bw * 3 // 4)
            fy = y + rng.randint(-bh * 2 // 3, bh // 2)
            r = cv.s(4 + 6 * t)
            cv.draw.ellipse([fx - r, fy - r, fx + r, fy + r], fill=colour)
    items = []
    for _ in range(rng.randint(8, 12)):
        t = rng.uniform(0.05, 0.95)
        i = int(t * steps)
        side = rng.random() < 0.5
        lx, y = left[i]
        rx, _ = right[i]
        gap = cv.w * rng.uniform(0.05, 0.3) * (0.3 + t)
        x = lx - gap if side else rx + gap
        items.append((y, "tree", int(x), cv.s(90 + 330 * t**1.2)))
    for _ in range(2):
        t = rng.uniform(0.45, 0.75)
        i = int(t * steps)
        lx, y = left[i]
        items.append((y, "bench", int(lx - cv.s(150 * t) - cv.s(40)), cv.s(150 * t)))
    t = rng.uniform(0.5, 0.8)
    rx, y = right[int(t * steps)]
    items.append((y, "lamp", int(rx + cv.s(30)), cv.s(300 * t)))
    for _ in range(rng.randint(2, 4)):
        t = rng.uniform(0.2, 0.7)
        i = int(t * steps)
        lx, y = left[i]
        rx, _ = right[i]
        items.append((y, "person", int(rng.uniform(lx, rx)), cv.s(170 * t + 20)))
    for y, kind, x, size in sorted(items):
        if kind == "tree":
            cv.tree(x, int(y), size)
        elif kind == "bench":
            cv.bench(x, int(y), size)
        elif kind == "lamp":
            cv.lamp(x, int(y), size)
        else:
            cv.person(x, int(y), size)


def _street_row(cv: _Canvas, ground: int, min_h: float, max_h: float, awnings: bool) -> None:
    rng = cv.rng
    x = -cv.s(rng.randint(0, 60))
    while x < cv.w:
        width = cv.s(rng.randint(150, 280))
        top = ground - cv.py(rng.uniform(min_h, max_h))
        cv.building(
            x, x + width, top, ground, cv.pick(_FACADES, 10), awnings and rng.random() < 0.6
        )
        x += width + cv.s(rng.choice((0, 0, 8, 16)))


def _street(cv: _Canvas) -> None:
    rng = cv.rng
    ground = cv.py(0.7)
    cv.sky(ground)
    _street_row(cv, ground, 0.3, 0.58, True)
    d = cv.draw
    kerb = ground + cv.s(60)
    d.rectangle([0, ground, cv.w, kerb], fill=cv.c((196, 190, 180)))
    for x in range(0, cv.w, cv.s(80)):
        d.line([(x, ground), (x - cv.s(20), kerb)], fill=cv.c((176, 170, 160)), width=cv.s(2))
    d.rectangle([0, kerb, cv.w, kerb + cv.s(10)], fill=cv.c((150, 146, 140)))
    d.rectangle([0, kerb + cv.s(10), cv.w, cv.h], fill=cv.c((84, 86, 92)))
    lane = kerb + (cv.h - kerb) * 3 // 5
    for x in range(-cv.s(40), cv.w, cv.s(160)):
        d.rectangle([x, lane, x + cv.s(90), lane + cv.s(8)], fill=cv.c((240, 210, 90)))
    d.rectangle([0, kerb + cv.s(30), cv.w, kerb + cv.s(34)], fill=cv.c((230, 230, 230)))
    kinds = [rng.random() < 0.5 for _ in range(rng.randint(3, 5))]
    if all(kinds) or not any(kinds):  # always at least one tree and one lamp
        kinds[-1] = not kinds[-1]
    for i, is_tree in enumerate(kinds):
        x = cv.px((i + rng.uniform(0.2, 0.8)) / 5)
        if is_tree:
            cv.tree(x, kerb - cv.s(6), cv.s(rng.randint(200, 260)), "round")
        else:
            cv.lamp(x, kerb - cv.s(4), cv.s(230))
    for _ in range(rng.randint(2, 5)):
        cv.person(cv.px(rng.uniform(0.05, 0.95)), ground + cv.s(rng.randint(20, 50)), cv.s(110))
    if rng.random() < 0.8:
        _car(cv, cv.px(rng.uniform(0.1, 0.7)), cv.h - cv.s(60), cv.s(260))


def _car(cv: _Canvas, x: int, ground: int, length: int) -> None:
    d = cv.draw
    body = cv.pick(_ACCENTS, 10)
    h = length // 4
    d.rounded_rectangle([x, ground - h, x + length, ground - h // 4], radius=h // 4, fill=body)
    d.rounded_rectangle(
        [x + length // 5, ground - h * 2 + h // 4, x + length * 3 // 4, ground - h + 4],
        radius=h // 3,
        fill=body,
    )
    glass = cv.window_colour()
    d.rectangle(
        [x + length // 4, ground - h * 2 + h // 2, x + length // 2 - 4, ground - h], fill=glass
    )
    d.rectangle(
        [x + length // 2 + 4, ground - h * 2 + h // 2, x + length * 7 // 10, ground - h], fill=glass
    )
    r = h // 2
    for wx in (x + length // 5, x + length * 4 // 5):
        d.ellipse([wx - r, ground - r * 2 + 4, wx + r, ground + 4], fill=(34, 34, 38))
        d.ellipse(
            [wx - r // 2, ground - r * 3 // 2 + 4, wx + r // 2, ground - r // 2 + 4],
            fill=(170, 170, 176),
        )


def _cityhall(cv: _Canvas) -> None:
    rng = cv.rng
    ground = cv.py(0.72)
    cv.sky(ground)
    cv.ridge(ground - cv.s(120), cv.s(70), cv.c((130, 150, 176)), bottom=ground)
    d = cv.draw
    d.rectangle([0, ground, cv.w, cv.h], fill=cv.c((120, 172, 92)))
    stone = cv.c((232, 222, 200), 6)
    shade = _scale(stone, 0.86)
    cx = cv.px(rng.uniform(0.45, 0.55))
    half = cv.px(0.2)
    top = ground - cv.py(0.3)
    # wings
    wing_h = cv.py(0.22)
    for sign in (-1, 1):
        x0 = cx + sign * half
        x1 = cx + sign * (half + cv.px(0.17))
        x0, x1 = min(x0, x1), max(x0, x1)
        d.rectangle([x0, ground - wing_h, x1, ground], fill=shade)
        d.rectangle(
            [x0 - cv.s(6), ground - wing_h - cv.s(12), x1 + cv.s(6), ground - wing_h], fill=stone
        )
        for row in range(2):
            for col in range(4):
                wx = x0 + cv.s(24) + col * (x1 - x0 - cv.s(48)) // 3
                wy = ground - wing_h + cv.s(34) + row * cv.s(90)
                d.rounded_rectangle(
                    [wx - cv.s(14), wy, wx + cv.s(14), wy + cv.s(56)],
                    radius=cv.s(10),
                    fill=cv.window_colour(),
                )
    # dome
    drum_w = int(half * 0.55)
    d.rectangle([cx - drum_w, top - cv.s(90), cx + drum_w, top], fill=shade)
    for i in range(7):
        wx = cx - drum_w + cv.s(18) + i * (2 * drum_w - cv.s(36)) // 6
        d.rectangle([wx - cv.s(5), top - cv.s(76), wx + cv.s(5), top - cv.s(14)], fill=stone)
    dome = cv.c(rng.choice(((120, 168, 150), (196, 150, 90), (150, 160, 176))))
    d.pieslice(
        [cx - drum_w, top - cv.s(90) - drum_w, cx + drum_w, top - cv.s(90) + drum_w],
        180,
        360,
        fill=dome,
    )
    d.pieslice(
        [cx - drum_w, top - cv.s(90) - drum_w, cx + drum_w, top - cv.s(90) + drum_w],
        270,
        360,
        fill=_scale(dome, 0.85),
    )
    d.rectangle(
        [
            cx - cv.s(8),
            top - cv.s(90) - drum_w - cv.s(36),
            cx + cv.s(8),
            top - cv.s(90) - drum_w + 4,
        ],
        fill=stone,
    )
    # main block, pediment, columns
    d.rectangle([cx - half, top, cx + half, ground], fill=stone)
    ped_base = top
    d.rectangle(
        [cx - half - cv.s(14), ped_base - cv.s(16), cx + half + cv.s(14), ped_base + cv.s(4)],
        fill=shade,
    )
    d.polygon(
        [
            (cx - half - cv.s(14), ped_base - cv.s(16)),
            (cx + half + cv.s(14), ped_base - cv.s(16)),
            (cx, ped_base - cv.s(110)),
        ],
        fill=stone,
    )
    d.polygon(
        [
            (cx - half + cv.s(30), ped_base - cv.s(26)),
            (cx + half - cv.s(30), ped_base - cv.s(26)),
            (cx, ped_base - cv.s(92)),
        ],
        fill=shade,
    )
    r = cv.s(22)
    d.ellipse([cx - r, ped_base - cv.s(68) - r, cx + r, ped_base - cv.s(68) + r], fill=stone)
    steps = 5
    step_h = cv.s(12)
    col_bottom = ground - steps * step_h
    d.rectangle(
        [cx - half + cv.s(20), top + cv.s(30), cx + half - cv.s(20), col_bottom],
        fill=cv.c((120, 110, 100)),
    )
    d.rectangle(
        [cx - cv.s(40), col_bottom - cv.s(120), cx + cv.s(40), col_bottom], fill=cv.c((96, 70, 56))
    )
    ncol = rng.choice((6, 8))
    for i in range(ncol):
        x = cx - half + cv.s(30) + i * (2 * half - cv.s(60)) // (ncol - 1)
        d.rectangle([x - cv.s(14), top + cv.s(18), x + cv.s(14), col_bottom], fill=stone)
        d.rectangle([x + cv.s(4), top + cv.s(18), x + cv.s(14), col_bottom], fill=shade)
        d.rectangle([x - cv.s(20), top + cv.s(4), x + cv.s(20), top + cv.s(18)], fill=stone)
    for i in range(steps):
        grow = (i + 1) * cv.s(14)
        y = col_bottom + i * step_h
        d.rectangle(
            [cx - half + cv.s(10) - grow, y, cx + half - cv.s(10) + grow, y + step_h],
            fill=stone if i % 2 else shade,
        )
    # plaza and walkway
    d.polygon(
        [
            (cx - half + cv.s(40), ground),
            (cx + half - cv.s(40), ground),
            (cx + half // 2, cv.h),
            (cx - half // 2, cv.h),
        ],
        fill=cv.c((214, 204, 186)),
    )
    # flag
    fx = cx + half + cv.px(0.2)
    fx = min(fx, cv.w - cv.s(120))
    d.rectangle(
        [fx - cv.s(4), ground - cv.py(0.5), fx + cv.s(4), ground + cv.s(20)],
        fill=cv.c((200, 200, 206)),
    )
    flag = cv.pick(_ACCENTS, 0)
    fy = ground - cv.py(0.5) + cv.s(6)
    d.polygon(
        [
            (fx + cv.s(4), fy),
            (fx + cv.s(110), fy + cv.s(10)),
            (fx + cv.s(104), fy + cv.s(64)),
            (fx + cv.s(4), fy + cv.s(60)),
        ],
        fill=flag,
    )
    d.rectangle(
        [fx + cv.s(4), fy + cv.s(24), fx + cv.s(106), fy + cv.s(36)], fill=cv.c((250, 246, 236))
    )
    for x in (cv.px(0.04), cv.px(0.12), cv.px(0.88), cv.px(0.96)):
        cv.tree(
            x + cv.s(rng.randint(-20, 20)),
            ground + cv.s(rng.randint(40, 120)),
            cv.s(rng.randint(260, 340)),
        )
    for _ in range(rng.randint(2, 5)):
        cv.person(cx + cv.s(rng.randint(-260, 260)), ground + cv.s(rng.randint(80, 200)), cv.s(120))


def _meeting(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    wall = cv.c(rng.choice(((222, 210, 186), (206, 214, 210), (218, 200, 190))), 6)
    panel = cv.c(rng.choice(((134, 92, 62), (110, 78, 56), (150, 110, 74))), 6)
    cv.gradient(0, cv.py(0.62), wall, _scale(wall, 0.9))
    d.rectangle([0, cv.py(0.36), cv.w, cv.py(0.62)], fill=panel)
    for x in range(0, cv.w, cv.s(120)):
        d.line([(x, cv.py(0.36)), (x, cv.py(0.62))], fill=_scale(panel, 0.85), width=cv.s(3))
    # tall windows showing the sky
    top, bottom = cv.spec["sky"]
    for x in (cv.px(0.08), cv.px(0.86)):
        d.rounded_rectangle(
            [x, cv.py(0.06), x + cv.s(110), cv.py(0.32)],
            radius=cv.s(50),
            fill=_mix(top, bottom, 0.6),
        )
        d.line([(x + cv.s(55), cv.py(0.06)), (x + cv.s(55), cv.py(0.32))], fill=wall, width=cv.s(5))
    # seal (no text)
    cx, cy, r = cv.px(0.5), cv.py(0.19), cv.s(92)
    gold = cv.c((206, 170, 90))
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=gold)
    d.ellipse(
        [cx - r + cv.s(12), cy - r + cv.s(12), cx + r - cv.s(12), cy + r - cv.s(12)],
        fill=cv.c((40, 80, 130)),
    )
    d.polygon(
        [
            (cx - cv.s(56), cy + cv.s(30)),
            (cx - cv.s(20), cy - cv.s(24)),
            (cx + cv.s(6), cy + cv.s(8)),
            (cx + cv.s(28), cy - cv.s(14)),
            (cx + cv.s(58), cy + cv.s(30)),
        ],
        fill=cv.c((90, 150, 100)),
    )
    d.rectangle(
        [cx - cv.s(60), cy + cv.s(30), cx + cv.s(60), cy + cv.s(44)], fill=cv.c((120, 180, 220))
    )
    # flags
    for fx in (cv.px(0.27), cv.px(0.73)):
        d.rectangle(
            [fx - cv.s(3), cv.py(0.06), fx + cv.s(3), cv.py(0.5)], fill=cv.c((190, 170, 110))
        )
        d.polygon(
            [
                (fx + cv.s(3), cv.py(0.08)),
                (fx + cv.s(56), cv.py(0.1)),
                (fx + cv.s(48), cv.py(0.3)),
                (fx + cv.s(3), cv.py(0.26)),
            ],
            fill=cv.pick(_ACCENTS, 0),
        )
    # floor
    cv.gradient(cv.py(0.62), cv.h, cv.c((150, 60, 60)), cv.c((110, 44, 48)))
    # council at the dais
    dais_top = cv.py(0.5)
    seats = 7
    for i in range(seats):
        x = cv.px(0.16 + i * 0.68 / (seats - 1))
        d.rounded_rectangle(
            [x - cv.s(34), dais_top - cv.s(150), x + cv.s(34), dais_top],
            radius=cv.s(14),
            fill=cv.c((40, 36, 40)),
        )
        cv.silhouette(x, dais_top - cv.s(44), cv.s(70), cv.pick(_CLOTHES, 10))
        hr = cv.s(16)
        d.ellipse(
            [x - hr, dais_top - cv.s(118), x + hr, dais_top - cv.s(84)],
            fill=cv.c(rng.choice(_SKIN)),
        )
    d.rounded_rectangle(
        [cv.px(0.1), dais_top - cv.s(10), cv.px(0.9), cv.py(0.66)],
        radius=cv.s(8),
        fill=_scale(panel, 1.1),
    )
    d.rectangle(
        [cv.px(0.1), dais_top - cv.s(14), cv.px(0.9), dais_top + cv.s(4)], fill=_scale(panel, 0.8)
    )
    for i in range(seats):
        x = cv.px(0.16 + i * 0.68 / (seats - 1))
        d.rectangle(
            [x - cv.s(26), dais_top - cv.s(30), x + cv.s(26), dais_top - cv.s(14)],
            fill=cv.c((245, 245, 240)),
        )
    # lectern
    lx = cv.px(rng.uniform(0.44, 0.56))
    d.polygon(
        [
            (lx - cv.s(50), cv.py(0.68)),
            (lx + cv.s(50), cv.py(0.68)),
            (lx + cv.s(40), cv.py(0.86)),
            (lx - cv.s(40), cv.py(0.86)),
        ],
        fill=_scale(panel, 0.9),
    )
    d.rectangle([lx - cv.s(60), cv.py(0.66), lx + cv.s(60), cv.py(0.685)], fill=_scale(panel, 0.7))
    # audience seen from behind
    for row, (y, size) in enumerate(((cv.py(0.86), 90), (cv.py(0.98), 120))):
        x = cv.s(40 + row * 50)
        while x < cv.w:
            if rng.random() < 0.75 and abs(x - lx) > cv.s(110):
                cv.silhouette(x, y, cv.s(size), _scale(cv.pick(_CLOTHES, 8), 0.6))
            x += cv.s(size + rng.randint(20, 50))


def _construction(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    ground = cv.py(0.74)
    cv.sky(ground)
    cv.ridge(ground - cv.s(60), cv.s(80), cv.c((140, 156, 176)), bottom=ground)
    d.rectangle([0, ground, cv.w, cv.h], fill=cv.c((176, 146, 108)))
    for _ in range(40):
        x, y = cv.px(rng.random()), rng.randint(ground, cv.h)
        d.ellipse([x - cv.s(6), y - cv.s(3), x + cv.s(6), y + cv.s(3)], fill=cv.c((150, 122, 90)))
    # steel frame
    steel = cv.c((120, 128, 140))
    fx0 = cv.px(rng.uniform(0.36, 0.46))
    bays, floors = 5, rng.randint(4, 6)
    bay_w, floor_h = cv.s(90), cv.s(76)
    concrete = cv.c((196, 196, 192))
    for f in range(floors):
        y = ground - f * floor_h
        done = bays if f < floors - 1 else rng.randint(2, bays - 1)
        d.rectangle([fx0, y - cv.s(10), fx0 + done * bay_w, y], fill=concrete)
        for b in range(done + 1):
            x = fx0 + b * bay_w
            d.rectangle([x - cv.s(5), y - floor_h, x + cv.s(5), y], fill=steel)
        if f < floors - 2:
            for b in range(done):
                if rng.random() < 0.5:
                    x = fx0 + b * bay_w
                    d.line([(x, y), (x + bay_w, y - floor_h)], fill=steel, width=cv.s(4))
        d.rectangle(
            [fx0, y - floor_h - cv.s(6), fx0 + done * bay_w, y - floor_h + cv.s(4)], fill=steel
        )
    # tower crane
    yellow = cv.c((246, 190, 40))
    mx = fx0 - cv.s(90)
    mast_top = cv.py(0.12)
    mw = cv.s(26)
    d.line([(mx, ground), (mx, mast_top)], fill=yellow, width=cv.s(5))
    d.line([(mx + mw, ground), (mx + mw, mast_top)], fill=yellow, width=cv.s(5))
    y = ground
    step = cv.s(30)
    while y - step > mast_top:
        d.line([(mx, y), (mx + mw, y - step)], fill=yellow, width=cv.s(3))
        d.line([(mx + mw, y - step), (mx, y - step)], fill=yellow, width=cv.s(2))
        y -= step
    jib_y = mast_top
    jib_end = min(cv.w - cv.s(20), mx + cv.px(0.5))
    d.line([(mx - cv.px(0.14), jib_y), (jib_end, jib_y)], fill=yellow, width=cv.s(7))
    d.line(
        [(mx - cv.px(0.14), jib_y + cv.s(18)), (jib_end, jib_y + cv.s(8))],
        fill=yellow,
        width=cv.s(3),
    )
    x = mx - cv.px(0.14)
    while x < jib_end - cv.s(30):
        d.line([(x, jib_y), (x + cv.s(30), jib_y + cv.s(14))], fill=yellow, width=cv.s(2))
        x += cv.s(30)
    d.polygon(
        [
            (mx - cv.s(10), mast_top),
            (mx + mw + cv.s(10), mast_top),
            (mx + mw // 2, mast_top - cv.s(70)),
        ],
        fill=yellow,
    )
    d.line(
        [(mx + mw // 2, mast_top - cv.s(70)), (jib_end, jib_y)],
        fill=cv.c((80, 80, 80)),
        width=cv.s(2),
    )
    d.line(
        [(mx + mw // 2, mast_top - cv.s(70)), (mx - cv.px(0.14), jib_y)],
        fill=cv.c((80, 80, 80)),
        width=cv.s(2),
    )
    d.rectangle(
        [mx - cv.px(0.14), jib_y + cv.s(4), mx - cv.px(0.1), jib_y + cv.s(50)],
        fill=cv.c((120, 120, 124)),
    )
    d.rectangle(
        [mx - cv.s(14), mast_top + cv.s(6), mx + mw + cv.s(14), mast_top + cv.s(44)],
        fill=cv.c((236, 236, 230)),
    )
    hook_x = int(mx + (jib_end - mx) * rng.uniform(0.55, 0.9))
    hook_y = jib_y + cv.py(rng.uniform(0.15, 0.3))
    d.line([(hook_x, jib_y), (hook_x, hook_y)], fill=cv.c((60, 60, 60)), width=cv.s(2))
    d.line(
        [(hook_x, hook_y), (hook_x - cv.s(70), hook_y + cv.s(30))],
        fill=cv.c((60, 60, 60)),
        width=cv.s(2),
    )
    d.line(
        [(hook_x, hook_y), (hook_x + cv.s(70), hook_y + cv.s(30))],
        fill=cv.c((60, 60, 60)),
        width=cv.s(2),
    )
    d.rectangle(
        [hook_x - cv.s(110), hook_y + cv.s(30), hook_x + cv.s(110), hook_y + cv.s(44)],
        fill=cv.c((190, 80, 50)),
    )
    # barriers, cones and crew
    front = cv.h - cv.s(60)
    x = cv.s(rng.randint(10, 60))
    while x < cv.w:
        if rng.random() < 0.6:
            cv.barrier(x, front, cv.s(210))
            x += cv.s(250)
        else:
            cv.cone(x + cv.s(40), front, cv.s(96))
            x += cv.s(110)
    vest = cv.c((250, 150, 40))
    for _ in range(rng.randint(2, 4)):
        cv.person(
            cv.px(rng.uniform(0.05, 0.95)),
            ground + cv.s(rng.randint(40, 120)),
            cv.s(130),
            vest,
            hat=cv.c((250, 220, 60)),
        )


def _fire(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    horizon = cv.py(0.5)
    top, bottom = cv.spec["sky"]
    cv.gradient(
        0, horizon + 1, _mix(top, (200, 150, 110), 0.45), _mix(bottom, (246, 190, 130), 0.5)
    )
    sun = cv.spec["sun"]
    sx, sy, r = cv.px(rng.uniform(0.1, 0.9)), cv.py(rng.uniform(0.12, 0.3)), cv.s(46)
    d.ellipse([sx - r, sy - r, sx + r, sy + r], fill=_mix(sun, (240, 120, 60), 0.5))
    # smoke rising behind the ridge, bending with the wind and fading into the haze
    haze = _mix(top, (200, 150, 110), 0.45)
    for _ in range(rng.randint(1, 2)):
        x = cv.px(rng.uniform(0.2, 0.8))
        y = horizon - cv.s(30)
        drift = rng.uniform(0.5, 1.0) * rng.choice((-1, 1))
        puffs = 16
        for i in reversed(range(puffs)):
            t = i / (puffs - 1)
            cx = x + drift * cv.s(520) * t**1.6
            cy = y - cv.s(430) * t
            shade = cv.c(_mix((142, 134, 128), haze, 0.1 + 0.65 * t))
            spread = cv.s(50 + 150 * t * t)
            for _ in range(3):
                r = cv.s(rng.uniform(45, 70) + 40 * t)
                px = cx + rng.uniform(-spread, spread)
                py = cy + rng.uniform(-r * 0.3, r * 0.3)
                d.ellipse([px - r * 1.2, py - r, px + r * 1.2, py + r], fill=shade)
    cv.ridge(horizon, cv.s(110), cv.c((150, 120, 96)))
    cv.ridge(horizon + cv.s(70), cv.s(90), cv.c((206, 170, 100)))
    # oak shrubs on the hills
    for _ in range(rng.randint(10, 18)):
        x = cv.px(rng.random())
        y = horizon + cv.s(rng.randint(60, 240))
        rr = cv.s(10 + (y - horizon) * 0.12)
        d.ellipse([x - rr, y - rr, x + rr, y + rr // 2], fill=cv.c((96, 110, 60), 10))
    road_top = cv.py(0.8)
    d.rectangle([0, road_top, cv.w, cv.h], fill=cv.c((96, 94, 96)))
    d.rectangle([0, road_top - cv.s(8), cv.w, road_top], fill=cv.c((180, 170, 150)))
    for x in range(0, cv.w, cv.s(150)):
        d.rectangle(
            [x, road_top + cv.s(110), x + cv.s(80), road_top + cv.s(118)],
            fill=cv.c((240, 240, 240)),
        )
    # fire engine
    tx = cv.px(rng.uniform(0.1, 0.45))
    length = cv.s(620)
    wheel_y = road_top + cv.s(90)
    red = cv.c((204, 40, 36))
    body_top = wheel_y - cv.s(170)
    d.rounded_rectangle([tx, body_top, tx + length, wheel_y - cv.s(20)], radius=cv.s(10), fill=red)
    cab_x = tx + length - cv.s(170)
    d.rounded_rectangle(
        [cab_x, body_top - cv.s(60), tx + length, wheel_y - cv.s(20)], radius=cv.s(16), fill=red
    )
    d.rectangle(
        [cab_x + cv.s(20), body_top - cv.s(44), tx + length - cv.s(16), body_top + cv.s(30)],
        fill=cv.window_colour(),
    )
    d.rectangle(
        [tx, wheel_y - cv.s(80), tx + length, wheel_y - cv.s(64)], fill=cv.c((240, 236, 230))
    )
    for i in range(4):
        x0 = tx + cv.s(20) + i * cv.s(100)
        d.rectangle(
            [x0, body_top + cv.s(16), x0 + cv.s(86), wheel_y - cv.s(92)], fill=_scale(red, 0.82)
        )
    d.rectangle(
        [cab_x + cv.s(30), body_top - cv.s(74), cab_x + cv.s(130), body_top - cv.s(60)],
        fill=(240, 60, 50),
    )
    d.rectangle(
        [cab_x + cv.s(70), body_top - cv.s(74), cab_x + cv.s(90), body_top - cv.s(60)],
        fill=(80, 130, 240),
    )
    silver = cv.c((200, 200, 206))
    d.rectangle(
        [tx + cv.s(10), body_top - cv.s(26), cab_x - cv.s(10), body_top - cv.s(20)], fill=silver
    )
    d.rectangle(
        [tx + cv.s(10), body_top - cv.s(8), cab_x - cv.s(10), body_top - cv.s(2)], fill=silver
    )
    for x in range(tx + cv.s(20), cab_x - cv.s(10), cv.s(28)):
        d.rectangle([x, body_top - cv.s(26), x + cv.s(4), body_top - cv.s(2)], fill=silver)
    r = cv.s(44)
    for wx in (tx + cv.s(110), tx + cv.s(220), tx + length - cv.s(100)):
        d.ellipse([wx - r, wheel_y - r, wx + r, wheel_y + r], fill=(34, 34, 36))
        d.ellipse([wx - r // 2, wheel_y - r // 2, wx + r // 2, wheel_y + r // 2], fill=silver)
    gear = cv.c((196, 170, 110))
    helmet = cv.c((250, 210, 40))
    for i in range(rng.randint(2, 3)):
        x = tx + length + cv.s(80 + i * 90 + rng.randint(0, 30))
        if x > cv.w - cv.s(40):
            x = tx - cv.s(70 + i * 90)
        cv.person(x, wheel_y + cv.s(30), cv.s(190), gear, hat=helmet)


def _library(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    wall = cv.c(rng.choice(((232, 222, 204), (214, 224, 220), (236, 214, 196))), 6)
    cv.gradient(0, cv.py(0.78), wall, _scale(wall, 0.92))
    floor = cv.c(rng.choice(((176, 128, 86), (150, 108, 72))), 6)
    cv.gradient(cv.py(0.78), cv.h, floor, _scale(floor, 0.8))
    for y in range(cv.py(0.78), cv.h, cv.s(34)):
        d.line([(0, y), (cv.w, y)], fill=_scale(floor, 0.88), width=cv.s(2))
    # arched window
    wx = cv.px(rng.uniform(0.42, 0.58))
    ww = cv.s(160)
    top, bottom = cv.spec["sky"]
    frame = cv.c((240, 236, 228))
    d.rounded_rectangle(
        [wx - ww - cv.s(12), cv.py(0.06), wx + ww + cv.s(12), cv.py(0.62)], radius=ww, fill=frame
    )
    d.rounded_rectangle(
        [wx - ww, cv.py(0.08), wx + ww, cv.py(0.6)], radius=ww, fill=_mix(top, bottom, 0.55)
    )
    d.rectangle([wx - ww, cv.py(0.5), wx + ww, cv.py(0.6)], fill=cv.c((110, 156, 96)))
    d.line([(wx, cv.py(0.08)), (wx, cv.py(0.6))], fill=frame, width=cv.s(8))
    d.line([(wx - ww, cv.py(0.34)), (wx + ww, cv.py(0.34))], fill=frame, width=cv.s(8))
    wood = cv.c(rng.choice(((120, 80, 50), (96, 66, 44), (150, 104, 66))), 6)
    spines = _ACCENTS + _CLOTHES + ((236, 224, 196), (90, 60, 50), (60, 90, 70))
    shelf_top, shelf_bottom = cv.py(0.1), cv.py(0.8)

    def bookcase(x0: int, x1: int) -> None:
        d.rectangle([x0, shelf_top, x1, shelf_bottom], fill=wood)
        inner = _scale(wood, 0.55)
        rows = 6
        row_h = (shelf_bottom - shelf_top - cv.s(24)) // rows
        for r in range(rows):
            y0 = shelf_top + cv.s(12) + r * row_h
            y1 = y0 + row_h - cv.s(12)
            d.rectangle([x0 + cv.s(12), y0, x1 - cv.s(12), y1], fill=inner)
            x = x0 + cv.s(14)
            while x < x1 - cv.s(40):
                bw = cv.s(rng.randint(12, 26))
                bh = rng.randint(int((y1 - y0) * 0.7), y1 - y0 - cv.s(4))
                if rng.random() < 0.06:
                    x += bw * 2
                    continue
                colour = cv.c(rng.choice(spines), 16)
                d.rectangle([x, y1 - bh, x + bw, y1], fill=colour)
                d.rectangle(
                    [x, y1 - bh + cv.s(8), x + bw, y1 - bh + cv.s(12)], fill=_scale(colour, 0.75)
                )
                x += bw + cv.s(2)
            if x < x1 - cv.s(20):
                d.polygon(
                    [
                        (x, y1),
                        (x + cv.s(16), y1),
                        (x1 - cv.s(14), y1 - cv.s(40)),
                        (x1 - cv.s(28), y1 - cv.s(44)),
                    ],
                    fill=cv.c(rng.choice(spines), 16),
                )

    bookcase(cv.s(30), wx - ww - cv.s(60))
    bookcase(wx + ww + cv.s(60), cv.w - cv.s(30))
    # reading table with lamps
    ty = cv.py(0.8)
    tx0, tx1 = cv.px(0.16), cv.px(0.84)
    for x in range(tx0 + cv.s(120), tx1 - cv.s(60), cv.s(210)):
        d.rounded_rectangle(
            [x - cv.s(40), ty - cv.s(110), x + cv.s(40), ty + cv.s(90)],
            radius=cv.s(16),
            fill=_scale(wood, 0.85),
        )
    for _ in range(rng.randint(1, 3)):
        px = rng.randint(tx0 + cv.s(60), tx1 - cv.s(60))
        cv.silhouette(px, ty - cv.s(26), cv.s(80), cv.pick(_CLOTHES, 8))
        hr = cv.s(18)
        d.ellipse([px - hr, ty - cv.s(104), px + hr, ty - cv.s(68)], fill=cv.c(rng.choice(_SKIN)))
    d.rectangle([tx0, ty, tx1, ty + cv.s(22)], fill=_scale(wood, 1.15))
    d.rectangle([tx0 + cv.s(30), ty + cv.s(22), tx0 + cv.s(50), cv.h], fill=_scale(wood, 0.9))
    d.rectangle([tx1 - cv.s(50), ty + cv.s(22), tx1 - cv.s(30), cv.h], fill=_scale(wood, 0.9))
    shade_colour = cv.c((40, 120, 80))
    glow = (255, 230, 160)
    for x in range(tx0 + cv.s(140), tx1 - cv.s(80), cv.s(330)):
        d.rectangle([x - cv.s(4), ty - cv.s(70), x + cv.s(4), ty], fill=cv.c((180, 150, 80)))
        d.pieslice(
            [x - cv.s(50), ty - cv.s(110), x + cv.s(50), ty - cv.s(40)], 180, 360, fill=shade_colour
        )
        d.ellipse([x - cv.s(30), ty - cv.s(80), x + cv.s(30), ty - cv.s(66)], fill=glow)
    for _ in range(rng.randint(2, 4)):
        bx = rng.randint(tx0 + cv.s(40), tx1 - cv.s(120))
        d.rectangle([bx, ty - cv.s(12), bx + cv.s(90), ty], fill=cv.c(rng.choice(spines), 12))


def _market(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    ground = cv.py(0.62)
    cv.sky(ground)
    _street_row(cv, ground, 0.18, 0.34, False)
    cv.gradient(ground, cv.h, cv.c((206, 194, 176)), cv.c((176, 164, 150)))
    for y in range(ground + cv.s(30), cv.h, cv.s(40)):
        d.line([(0, y), (cv.w, y)], fill=cv.c((190, 178, 160)), width=cv.s(2))
    # string lights
    bulbs = (255, 220, 120) if cv.lit else cv.c((250, 240, 210))
    for k in range(2):
        y0 = cv.py(0.16 + 0.08 * k)
        pts = []
        for i in range(61):
            t = i / 60
            pts.append((cv.w * t, y0 + cv.s(120) * math.sin(math.pi * ((t * 3) % 1))))
        d.line(pts, fill=cv.c((60, 60, 60)), width=cv.s(2))
        for x, y in pts[1::3]:
            r = cv.s(6)
            d.ellipse([x - r, y, x + r, y + 2 * r], fill=bulbs)
    stall_w = cv.s(rng.randint(300, 360))
    x = cv.s(rng.randint(-40, 40))
    base = ground + cv.s(190)
    produce = (
        (220, 60, 50),
        (250, 170, 40),
        (120, 170, 60),
        (150, 70, 130),
        (240, 210, 70),
        (236, 120, 40),
    )
    while x < cv.w:
        colour = cv.pick(_ACCENTS, 6)
        white = cv.c((250, 248, 240))
        post = cv.c((110, 90, 70))
        top = base - cv.s(300)
        d.rectangle([x + cv.s(10), top, x + cv.s(20), base], fill=post)
        d.rectangle([x + stall_w - cv.s(20), top, x + stall_w - cv.s(10), base], fill=post)
        n = 7
        sw = stall_w / n
        for i in range(n):
            c = colour if i % 2 == 0 else white
            d.polygon(
                [
                    (x + i * sw, top - cv.s(60)),
                    (x + (i + 1) * sw, top - cv.s(60)),
                    (x + (i + 1) * sw + cv.s(8), top + cv.s(20)),
                    (x + i * sw + cv.s(8), top + cv.s(20)),
                ],
                fill=c,
            )
            d.pieslice(
                [x + i * sw + cv.s(8), top + cv.s(4), x + (i + 1) * sw + cv.s(8), top + cv.s(36)],
                0,
                180,
                fill=c,
            )
        table_y = base - cv.s(110)
        d.rectangle([x, table_y, x + stall_w, table_y + cv.s(16)], fill=cv.c((150, 110, 76)))
        d.rectangle(
            [x + cv.s(6), table_y + cv.s(16), x + stall_w - cv.s(6), base],
            fill=cv.c(rng.choice(((232, 224, 204), (200, 214, 226), (226, 206, 206)))),
        )
        for c in range(3):
            cx0 = x + cv.s(16) + c * (stall_w - cv.s(32)) // 3
            cw = (stall_w - cv.s(32)) // 3 - cv.s(8)
            d.rectangle([cx0, table_y - cv.s(30), cx0 + cw, table_y], fill=cv.c((176, 132, 86)))
            fruit = cv.c(rng.choice(produce), 10)
            r = cv.s(11)
            for j in range(max(1, cw // (2 * r))):
                fx = cx0 + r + j * 2 * r
                d.ellipse([fx - r, table_y - cv.s(44), fx + r, table_y - cv.s(22)], fill=fruit)
            for j in range(max(1, cw // (2 * r)) - 1):
                fx = cx0 + 2 * r + j * 2 * r
                d.ellipse(
                    [fx - r, table_y - cv.s(60), fx + r, table_y - cv.s(38)],
                    fill=_scale(fruit, 0.9),
                )
        x += stall_w + cv.s(rng.randint(30, 70))
    for _ in range(rng.randint(5, 9)):
        cv.person(
            cv.px(rng.uniform(0.02, 0.98)),
            cv.h - cv.s(rng.randint(30, 120)),
            cv.s(rng.randint(210, 260)),
        )


def _bridge(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    horizon = cv.py(0.5)
    cv.sky(horizon)
    cv.ridge(horizon, cv.s(120), cv.c((124, 148, 174)))
    cv.ridge(horizon + cv.s(10), cv.s(50), cv.c((100, 140, 100)))
    water_top = horizon + cv.s(20)
    w1 = _mix(cv.spec["sky"][1], (70, 120, 160), 0.4)
    cv.gradient(water_top, cv.h, cv.c(w1), cv.c((50, 96, 136)))
    deck = cv.py(rng.uniform(0.44, 0.5))
    concrete = cv.c(rng.choice(((214, 206, 190), (196, 196, 200), (190, 110, 80))), 6)
    dark = _scale(concrete, 0.78)
    spans = rng.choice((1, 2, 3))
    margin = cv.px(0.08)
    span_w = (cv.w - 2 * margin) / spans
    arch_rise = cv.py(0.26) if spans == 1 else cv.py(0.2)
    springing = water_top + cv.s(40)
    reflection = _mix(cv.c(w1), (30, 60, 90), 0.35)
    for k in range(spans):
        x0 = margin + k * span_w
        x1 = x0 + span_w
        outer, inner, refl = [], [], []
        for i in range(41):
            t = i / 40
            x = x0 + (x1 - x0) * t
            y = springing - arch_rise * 4 * t * (1 - t)
            outer.append((x, y - cv.s(24)))
            inner.append((x, y + cv.s(6)))
            refl.append((x, 2 * springing - y + cv.s(24)))
        refl_inner = [(x, 2 * springing - y - cv.s(6) + cv.s(24)) for x, y in inner]
        d.polygon(refl + list(reversed(refl_inner)), fill=reflection)
        # spandrel columns
        for i in range(1, 12):
            t = i / 12
            x = x0 + (x1 - x0) * t
            y = springing - arch_rise * 4 * t * (1 - t) - cv.s(20)
            if y > deck + cv.s(20):
                d.rectangle([x - cv.s(7), deck, x + cv.s(7), y], fill=dark)
        d.polygon(outer + list(reversed(inner)), fill=concrete)
        d.line(inner, fill=dark, width=cv.s(4))
    for k in range(spans + 1):
        x = margin + k * span_w
        d.rectangle([x - cv.s(30), deck, x + cv.s(30), springing + cv.s(60)], fill=dark)
        d.rectangle(
            [x - cv.s(30), springing + cv.s(60), x + cv.s(30), springing + cv.s(120)],
            fill=reflection,
        )
    # banks
    d.polygon(
        [(0, deck), (margin, deck), (margin + cv.s(20), cv.h), (0, cv.h)], fill=cv.c((112, 150, 84))
    )
    d.polygon(
        [(cv.w - margin, deck), (cv.w, deck), (cv.w, cv.h), (cv.w - margin - cv.s(20), cv.h)],
        fill=cv.c((112, 150, 84)),
    )
    d.rectangle([0, deck - cv.s(8), cv.w, deck + cv.s(26)], fill=concrete)
    d.rectangle([0, deck + cv.s(18), cv.w, deck + cv.s(26)], fill=dark)
    rail = _scale(concrete, 0.9)
    d.rectangle([0, deck - cv.s(40), cv.w, deck - cv.s(34)], fill=rail)
    for x in range(0, cv.w, cv.s(24)):
        d.rectangle([x, deck - cv.s(40), x + cv.s(5), deck - cv.s(8)], fill=rail)
    for _ in range(rng.randint(1, 3)):
        _car(cv, cv.px(rng.uniform(0.05, 0.85)), deck - cv.s(10), cv.s(110))
    for _ in range(rng.randint(1, 3)):
        cv.person(cv.px(rng.uniform(0.05, 0.95)), deck - cv.s(6), cv.s(56))
    ripple = _mix(cv.c(w1), (255, 255, 255), 0.35)
    for _ in range(60):
        x = cv.px(rng.random())
        y = rng.randint(springing + cv.s(30), cv.h)
        length = cv.s(20 + (y - springing) * 0.2)
        d.line([(x, y), (x + length, y)], fill=ripple, width=cv.s(2))
    for x in (cv.s(40), cv.w - cv.s(40)):
        cv.tree(x, deck + cv.s(rng.randint(140, 220)), cv.s(rng.randint(260, 320)))


def _trees(cv: _Canvas) -> None:
    rng = cv.rng
    horizon = cv.py(rng.uniform(0.44, 0.52))
    cv.sky(horizon)
    cv.ridge(horizon + cv.s(10), cv.s(110), cv.c((130, 150, 176)))
    cv.ridge(horizon + cv.s(30), cv.s(60), cv.c((104, 142, 112)))
    cv.gradient(horizon + cv.s(30), cv.h, cv.c((150, 188, 100)), cv.c((96, 150, 70)))
    d = cv.draw
    path_y = cv.py(0.82)
    d.rectangle([0, path_y, cv.w, path_y + cv.s(50)], fill=cv.c((214, 198, 160)))
    items = []
    for _ in range(rng.randint(14, 20)):
        t = rng.uniform(0.0, 0.75)
        y = horizon + cv.s(40) + (path_y - horizon - cv.s(40)) * t
        items.append((y, cv.px(rng.random()), cv.s(110 + 380 * t**1.2)))
    for y, x, size in sorted(items):
        cv.tree(x, int(y), size)
    # young trees with stakes in front of the path
    for i in range(rng.randint(3, 5)):
        x = cv.px((i + rng.uniform(0.3, 0.7)) / 5)
        g = cv.h - cv.s(40)
        d.ellipse(
            [x - cv.s(40), g - cv.s(10), x + cv.s(40), g + cv.s(12)], fill=cv.c((120, 88, 60))
        )
        stake = cv.c((200, 170, 120))
        d.rectangle([x - cv.s(30), g - cv.s(150), x - cv.s(24), g], fill=stake)
        d.rectangle([x + cv.s(24), g - cv.s(150), x + cv.s(30), g], fill=stake)
        d.line(
            [(x - cv.s(27), g - cv.s(90)), (x + cv.s(27), g - cv.s(90))],
            fill=cv.c((60, 120, 60)),
            width=cv.s(3),
        )
        cv.tree(x, g, cv.s(rng.randint(150, 190)), rng.choice(("round", "poplar")))


def _bus(cv: _Canvas) -> None:
    rng = cv.rng
    d = cv.draw
    ground = cv.py(0.62)
    cv.sky(ground)
    _street_row(cv, ground, 0.25, 0.5, True)
    kerb = ground + cv.s(110)
    d.rectangle([0, ground, cv.w, kerb], fill=cv.c((200, 194, 184)))
    d.rectangle([0, kerb, cv.w, kerb + cv.s(12)], fill=cv.c((150, 146, 140)))
    d.rectangle([0, kerb + cv.s(12), cv.w, cv.h], fill=cv.c((84, 86, 92)))
    for x in range(-cv.s(20), cv.w, cv.s(170)):
        d.rectangle(
            [x, cv.h - cv.s(40), x + cv.s(100), cv.h - cv.s(32)], fill=cv.c((240, 240, 240))
        )
    # shelter
    sx = cv.px(rng.uniform(0.62, 0.74))
    sw, sh = cv.s(300), cv.s(230)
    frame = cv.c((70, 80, 90))
    glass = _mix(cv.c((190, 220, 236)), cv.spec["sky"][1], 0.3)
    d.rectangle([sx, kerb - sh, sx + sw, kerb - cv.s(10)], fill=glass)
    for x in (sx, sx + sw // 2, sx + sw):
        d.rectangle([x - cv.s(4), kerb - sh, x + cv.s(4), kerb], fill=frame)
    d.rectangle([sx - cv.s(20), kerb - sh - cv.s(18), sx + sw + cv.s(20), kerb - sh], fill=frame)
    cv.bench(sx + cv.s(40), kerb - cv.s(6), cv.s(200))
    pole_x = sx - cv.s(60)
    d.rectangle([pole_x - cv.s(4), kerb - cv.s(300), pole_x + cv.s(4), kerb], fill=frame)
    d.rounded_rectangle(
        [pole_x - cv.s(30), kerb - cv.s(300), pole_x + cv.s(30), kerb - cv.s(240)],
        radius=cv.s(8),
        fill=cv.c((40, 110, 170)),
    )
    d.ellipse(
        [pole_x - cv.s(14), kerb - cv.s(284), pole_x + cv.s(14), kerb - cv.s(256)],
        fill=cv.c((250, 250, 250)),
    )
    for i in range(rng.randint(2, 4)):
        cv.person(sx + sw + cv.s(50 + i * 60), kerb - cv.s(8), cv.s(rng.randint(150, 180)))
    # the bus, arriving from the left
    length = cv.s(760)
    bx = sx - cv.s(120) - length
    body = cv.c(rng.choice(((30, 120, 150), (40, 100, 170), (210, 80, 60), (60, 140, 90))))
    wheel_y = cv.h - cv.s(90)
    top = wheel_y - cv.s(300)
    d.rounded_rectangle([bx, top, bx + length, wheel_y - cv.s(10)], radius=cv.s(30), fill=body)
    d.rectangle([bx, top + cv.s(200), bx + length, top + cv.s(224)], fill=cv.c((250, 246, 236)))
    d.rounded_rectangle(
        [bx + length - cv.s(70), top + cv.s(30), bx + length - cv.s(8), top + cv.s(180)],
        radius=cv.s(14),
        fill=cv.window_colour(),
    )
    d.rectangle(
        [bx + length - cv.s(240), top + cv.s(12), bx + length - cv.s(40), top + cv.s(34)],
        fill=(250, 170, 50),
    )
    win = cv.window_colour()
    x = bx + cv.s(30)
    door = bx + length - cv.s(200)
    while x + cv.s(90) < door - cv.s(20):
        d.rounded_rectangle(
            [x, top + cv.s(46), x + cv.s(90), top + cv.s(150)], radius=cv.s(8), fill=win
        )
        x += cv.s(110)
    d.rectangle(
        [door, top + cv.s(40), door + cv.s(100), wheel_y - cv.s(20)], fill=_scale(body, 0.7)
    )
    d.line(
        [(door + cv.s(50), top + cv.s(40)), (door + cv.s(50), wheel_y - cv.s(20))],
        fill=_scale(body, 0.5),
        width=cv.s(4),
    )
    r = cv.s(48)
    for wx in (bx + cv.s(140), bx + length - cv.s(300)):
        d.pieslice(
            [wx - r - cv.s(10), wheel_y - r - cv.s(10), wx + r + cv.s(10), wheel_y + r + cv.s(10)],
            180,
            360,
            fill=(40, 40, 44),
        )
        d.ellipse([wx - r, wheel_y - r, wx + r, wheel_y + r], fill=(30, 30, 32))
        d.ellipse(
            [wx - r // 2, wheel_y - r // 2, wx + r // 2, wheel_y + r // 2],
            fill=cv.c((190, 190, 196)),
        )
    d.ellipse(
        [bx + length - cv.s(34), wheel_y - cv.s(64), bx + length - cv.s(10), wheel_y - cv.s(40)],
        fill=(255, 236, 170),
    )


_PAINTERS: dict[str, Callable[[_Canvas], None]] = {
    "river": _river,
    "park": _park,
    "street": _street,
    "cityhall": _cityhall,
    "meeting": _meeting,
    "construction": _construction,
    "fire": _fire,
    "library": _library,
    "market": _market,
    "bridge": _bridge,
    "trees": _trees,
    "bus": _bus,
}


def render_scene(scene: str, seed: int, width: int = 1600, height: int = 1000) -> bytes:
    """Draw ``scene`` and return it as JPEG bytes.

    The same ``(scene, seed, width, height)`` always gives the same bytes; the
    seed chooses the time of day, colours and the placement of things.
    """
    painter = _PAINTERS.get(scene)
    if painter is None:
        raise ValueError(f"Unknown scene {scene!r}; accepted scenes: {', '.join(SCENES)}")
    if width < 16 or height < 16:
        raise ValueError("width and height must be at least 16 pixels")
    canvas = _Canvas(scene, int(seed), int(width), int(height))
    painter(canvas)
    buffer = io.BytesIO()
    canvas.image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return buffer.getvalue()
