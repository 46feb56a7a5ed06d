#!/usr/bin/env python3
"""Makes the app icons in icons/ (standard library only: zlib + struct).

Motif: a red round seal-like ring on a transparent background with a
stylised check mark in the centre. Every PNG is 8-bit RGBA (colour type 6),
as Tauri requires. icon.ico holds PNG-compressed 16, 32, 48 and 256 entries.

Usage: python3 scripts/make-icons.py   (from anywhere; writes <repo>/icons/)
"""
from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

RED = (196, 30, 36)  # seal red
SUPERSAMPLE = 4  # per axis: 16 samples per pixel for anti-aliasing

# Geometry in unit coordinates (0..1 across the icon).
CENTRE = 0.5
RING_OUTER = 0.47
RING_INNER = 0.385
INNER_LINE_OUTER = 0.355  # a thin second ring, as on an official seal
INNER_LINE_INNER = 0.335
CHECK = [(0.30, 0.52), (0.44, 0.66), (0.71, 0.36)]  # polyline of the check mark
CHECK_HALF_WIDTH = 0.055


def _segment_distance(px: float, py: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _inside(x: float, y: float, small: bool) -> bool:
    r = math.hypot(x - CENTRE, y - CENTRE)
    if RING_INNER <= r <= RING_OUTER:
        return True
    # the thin inner line disappears into mush at tiny sizes
    if not small and INNER_LINE_INNER <= r <= INNER_LINE_OUTER:
        return True
    half = CHECK_HALF_WIDTH * (1.25 if small else 1.0)
    return any(_segment_distance(x, y, CHECK[i], CHECK[i + 1]) <= half for i in range(len(CHECK) - 1))


def render(size: int) -> bytes:
    """Raw RGBA rows (with PNG filter byte 0 before each row)."""
    small = size <= 48
    n = SUPERSAMPLE
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            hits = 0
            for sy in range(n):
                for sx in range(n):
                    x = (px + (sx + 0.5) / n) / size
                    y = (py + (sy + 0.5) / n) / size
                    hits += _inside(x, y, small)
            alpha = round(255 * hits / (n * n))
            if alpha == 0:
                rows += b"\x00\x00\x00\x00"
            else:
                rows += bytes((*RED, alpha))
    return bytes(rows)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(size: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit, colour type 6 = RGBA
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(render(size), 9)) + _chunk(b"IEND", b"")


def ico(sizes: list[int]) -> bytes:
    images = [png(s) for s in sizes]
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries = b""
    for size, data in zip(sizes, images):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return header + entries + b"".join(images)


def main() -> None:
    out = Path(__file__).resolve().parent.parent / "icons"
    out.mkdir(exist_ok=True)
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        (out / name).write_bytes(png(size))
        print(f"icons/{name}: {size}x{size} RGBA")
    (out / "icon.ico").write_bytes(ico([16, 32, 48, 256]))
    print("icons/icon.ico: 16, 32, 48, 256 (PNG entries)")


if __name__ == "__main__":
    main()
