#!/usr/bin/env python3
"""Checks that `broadsheet diff` counts the same differing pixels as the reference pixelmatch
(the PyPI `pixelmatch` package, a faithful port of Mapbox's pixelmatch) on image pairs that
cover the cases a newspaper proof meets: identical pages, one character changed, a one-pixel
shift, a colour change and anti-aliasing-only (sub-pixel) movement.

Usage: pixelmatch_agreement.py [--broadsheet PATH] [--keep DIR]
Needs: pip install pixelmatch pillow (run it with a venv's python, e.g.
  python3 -m venv /tmp/pm && /tmp/pm/bin/pip install pixelmatch pillow
  /tmp/pm/bin/python Tests/BroadsheetDiffTests/Scripts/pixelmatch_agreement.py)
Prints one line per case and then "N passed, N failed"; exits 1 if any case failed.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image, ImageDraw, ImageFont
from pixelmatch.contrib.PIL import pixelmatch

# Counts must agree within this share of the reference count (the acceptance bar).
TOLERANCE = 0.01
# Small pages: the reference is pure Python (about a second per 100k pixels), and every
# case is about edges, which a small page has plenty of.
SIZE = (480, 320)
# Shapes drawn at this many times the size and box-filtered down give real anti-aliased
# edges, and an offset of 1 at that scale moves them by a quarter of a pixel.
SUPERSAMPLE = 4

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def find_broadsheet():
    for sub in (".build-diff/release", ".build/release", ".build-diff/debug", ".build/debug"):
        path = os.path.join(REPO, sub, "broadsheet")
        if os.access(path, os.X_OK):
            return path
    sys.exit("broadsheet binary not found: build it (swift build -c release) or pass --broadsheet")


def font(size):
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"):
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def page(text="Broadsheet layout engine", shift=(0, 0), box_colour=(30, 60, 160),
         text_colour=(0, 0, 0), scale=1, offset=0):
    """A small page: a headline, body lines, a rule and a coloured box. `scale` and `offset`
    draw it supersampled and moved by `offset` supersampled pixels before reducing."""
    w, h = SIZE[0] * scale, SIZE[1] * scale
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    dx, dy = shift[0] * scale + offset, shift[1] * scale
    d.text((20 * scale + dx, 16 * scale + dy), text, fill=text_colour, font=font(26 * scale))
    body = font(13 * scale)
    for i, line in enumerate(["Publishers change templates, fonts and engine",
                              "versions, and must know which pages moved,",
                              "and where, before the press run. 0123456789"]):
        d.text((20 * scale + dx, (70 + 20 * i) * scale + dy), line, fill=(0, 0, 0), font=body)
    d.line([(20 * scale + dx, 140 * scale + dy), (460 * scale + dx, 140 * scale + dy)], fill=(0, 0, 0), width=scale)
    d.rectangle([300 * scale + dx, 170 * scale + dy, 440 * scale + dx, 290 * scale + dy], fill=box_colour)
    d.ellipse([40 * scale + dx, 170 * scale + dy, 200 * scale + dx, 290 * scale + dy], outline=(0, 0, 0), width=3 * scale)
    if scale > 1:
        img = img.resize(SIZE, Image.BOX)
    return img


def shapes(offset):
    """Solid shapes only, supersampled and moved by `offset` supersampled pixels: every
    difference is an anti-aliased edge next to flat colour, the textbook anti-aliasing case."""
    w, h = SIZE[0] * SUPERSAMPLE, SIZE[1] * SUPERSAMPLE
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([300 * SUPERSAMPLE + offset, 40 * SUPERSAMPLE, 440 * SUPERSAMPLE + offset, 290 * SUPERSAMPLE], fill=(0, 0, 0))
    d.ellipse([40 * SUPERSAMPLE + offset, 40 * SUPERSAMPLE, 240 * SUPERSAMPLE + offset, 290 * SUPERSAMPLE], fill=(30, 60, 160))
    return img.resize(SIZE, Image.BOX)


def cases():
    base = page()
    smooth = page(scale=SUPERSAMPLE)
    translucent_a = base.convert("RGBA")
    translucent_a.putalpha(180)
    translucent_b = page(text="Broadsheet layout engime").convert("RGBA")
    translucent_b.putalpha(180)
    return [
        ("identical", base, page(), {}),
        ("one character changed", base, page(text="Broadsheet layout engime"), {}),
        ("shifted by one pixel", base, page(shift=(1, 0)), {}),
        ("shifted by one pixel, includeAA", base, page(shift=(1, 0)), {"includeAA": True}),
        ("colour change", base, page(box_colour=(160, 60, 30)), {}),
        ("slight tint, threshold 0.1", base, page(box_colour=(40, 70, 170)), {}),
        ("slight tint, threshold 0.02", base, page(box_colour=(40, 70, 170)), {"threshold": 0.02}),
        ("text colour change, threshold 0.3", base, page(text_colour=(90, 90, 90)), {"threshold": 0.3}),
        ("anti-aliasing only (solid shapes, quarter-pixel shift)", shapes(0), shapes(1), {}),
        ("anti-aliasing only (solid shapes), includeAA", shapes(0), shapes(1), {"includeAA": True}),
        ("text moved a quarter pixel", smooth, page(scale=SUPERSAMPLE, offset=1), {}),
        ("text moved a quarter pixel, includeAA", smooth, page(scale=SUPERSAMPLE, offset=1), {"includeAA": True}),
        ("half-pixel shift", smooth, page(scale=SUPERSAMPLE, offset=2), {}),
        ("semi-transparent, one character", translucent_a, translucent_b, {}),
    ]


def ours(binary, a_path, b_path, opts):
    cmd = [binary, "diff", a_path, b_path, "--json"]
    if "threshold" in opts:
        cmd += ["--threshold", str(opts["threshold"])]
    if opts.get("includeAA"):
        cmd.append("--include-aa")
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        raise RuntimeError(f"broadsheet diff exited {run.returncode}: {run.stderr.strip()}")
    report = json.loads(run.stdout)
    count = sum(p["differingPixels"] for p in report["pages"])
    if (run.returncode == 0) != (count == 0):
        raise RuntimeError(f"exit status {run.returncode} does not fit {count} differing pixels")
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--broadsheet", default=os.environ.get("BROADSHEET_BIN"))
    parser.add_argument("--keep", help="write the pairs to this folder instead of a temporary one")
    args = parser.parse_args()
    binary = args.broadsheet or find_broadsheet()

    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or tmp
        os.makedirs(folder, exist_ok=True)
        for n, (name, a, b, opts) in enumerate(cases()):
            a_path, b_path = os.path.join(folder, f"case{n}a.png"), os.path.join(folder, f"case{n}b.png")
            a.save(a_path)
            b.save(b_path)
            reference = pixelmatch(Image.open(a_path), Image.open(b_path),
                                   threshold=opts.get("threshold", 0.1), includeAA=opts.get("includeAA", False))
            try:
                count = ours(binary, a_path, b_path, opts)
            except Exception as error:  # report and go on with the other cases
                print(f"FAIL {name}: {error}")
                failed += 1
                continue
            ok = abs(count - reference) <= TOLERANCE * reference
            passed, failed = passed + ok, failed + (not ok)
            print(f"{'ok  ' if ok else 'FAIL'} {name}: pixelmatch {reference}, broadsheet {count}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
