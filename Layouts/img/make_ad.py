#!/usr/bin/env python3
"""Draw the sample issue's display ad (the news-contest ad) as a 300 dpi PNG.

The ad's words are those printed on the 2025-01-10 front page:
    璀璨明珠 NEWS CONTEST 共富平湖 新闻大赛   — sponsor 浙江平湖工银村镇银行
The design (colours, the pearl, the waves) is ours, not a copy of the original.

Slot: 3 columns of the 8-column grid (3 × 41.3 mm + 2 × 3.175 mm = 130.25 mm)
by 120 mm; drawn at 128 × 120 mm (1512 × 1417 px at 300 dpi), so it sits in the
slot with a hair of air.  Fonts: Noto Sans/Serif CJK from Debian's
fonts-noto-cjk / fonts-noto-cjk-extra (/usr/share/fonts/opentype/noto/).

    /tmp/venv/bin/pip install pillow      (or Debian python3-pil)
    python3 Layouts/img/make_ad.py
"""
import math
import os

from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'ad-news-contest.png')
FONTS = '/usr/share/fonts/opentype/noto/'

DPI = 300
MM = DPI / 25.4
W, H = round(128 * MM), round(120 * MM)

RED = (196, 18, 48)          # 中国红
DEEP = (120, 8, 28)
GOLD = (232, 190, 96)
PALE_GOLD = (250, 232, 180)
CREAM = (255, 250, 240)
INK = (40, 20, 20)


def font(name, size_mm, index=0):
    # .ttc collections: index 0 = JP, 1 = KR, 2 = SC, 3 = TC, 4 = HK; use SC.
    return ImageFont.truetype(os.path.join(FONTS, name), round(size_mm * MM), index=index)


def sc(name, size_mm):
    return font(name, size_mm, index=2)


def centred(draw, y, text, f, fill, x0=0, x1=W, spacing=0):
    """Draw text centred between x0 and x1 with its top at y; optional letter spacing (px)."""
    widths = [draw.textlength(c, font=f) for c in text]
    total = sum(widths) + spacing * (len(text) - 1)
    x = (x0 + x1 - total) / 2
    for c, w in zip(text, widths):
        draw.text((x, y), c, font=f, fill=fill)
        x += w + spacing
    return total


def main():
    img = Image.new('RGB', (W, H), CREAM)
    d = ImageDraw.Draw(img)

    # colour field: red upper two thirds with a darker radial vignette
    field_h = round(H * 0.70)
    for y in range(field_h):
        t = y / field_h
        col = tuple(round(RED[i] * (1 - 0.35 * t) + DEEP[i] * 0.35 * t) for i in range(3))
        d.line([(0, y), (W, y)], fill=col)

    # the pearl (明珠): a glowing gold disc with a highlight, upper right
    cx, cy, r = round(W * 0.78), round(H * 0.22), round(20 * MM)
    glow = Image.new('L', (W, H), 0)
    ImageDraw.Draw(glow).ellipse([cx - r * 1.45, cy - r * 1.45, cx + r * 1.45, cy + r * 1.45], fill=110)
    glow = glow.filter(ImageFilter.GaussianBlur(r * 0.35))
    img.paste(Image.new('RGB', (W, H), GOLD), (0, 0), glow)
    d = ImageDraw.Draw(img)
    for k in range(r, 0, -2):                       # radial shading, gold → pale
        t = 1 - k / r
        col = tuple(round(GOLD[i] * (1 - t) + PALE_GOLD[i] * t) for i in range(3))
        off = round(r * 0.25 * t)
        d.ellipse([cx - k - off, cy - k - off, cx + k - off, cy + k - off], fill=col)
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=PALE_GOLD, width=round(0.5 * MM))

    # waves across the bottom of the field (平湖: the lake)
    for j, (amp, base, col) in enumerate([
            (2.2, 0.62, (214, 60, 70)), (1.8, 0.655, (236, 120, 110)), (1.4, 0.685, GOLD)]):
        pts = []
        for x in range(0, W + 1, 4):
            y = H * base + amp * MM * math.sin(x / (14 * MM) * 2 * math.pi + j * 1.3)
            pts.append((x, y))
        d.polygon(pts + [(W, field_h + 2), (0, field_h + 2)], fill=col)
    d.rectangle([0, field_h, W, H], fill=CREAM)

    # headline block
    m = round(8 * MM)
    d.text((m, round(9 * MM)), '璀璨明珠', font=sc('NotoSerifCJK-Bold.ttc', 9), fill=PALE_GOLD)
    d.text((m, round(21 * MM)), 'NEWS CONTEST', font=font('NotoSansCJK-Bold.ttc', 5.2), fill=GOLD)
    big = sc('NotoSansCJK-Black.ttc', 17)
    d.text((m - round(0.8 * MM), round(30 * MM)), '共富平湖', font=big, fill=(255, 255, 255))
    # gold band with 新闻大赛 in red
    band_y = round(55 * MM)
    band_h = round(15 * MM)
    d.rectangle([m, band_y, W - m, band_y + band_h], fill=GOLD)
    d.rectangle([m, band_y + band_h, W - m, band_y + band_h + round(0.8 * MM)], fill=DEEP)
    f = sc('NotoSansCJK-Black.ttc', 11)
    bbox = d.textbbox((0, 0), '新闻大赛', font=f)
    ty = band_y + (band_h - (bbox[3] - bbox[1])) / 2 - bbox[1]
    centred(d, ty, '新闻大赛', f, RED, m, W - m, spacing=round(4 * MM))

    # sponsor block on cream: a simple round bank mark + name
    sy = round(100 * MM)
    d.line([(m, sy - round(8 * MM)), (W - m, sy - round(8 * MM))], fill=RED, width=round(0.35 * MM))
    sf = sc('NotoSansCJK-Bold.ttc', 6)
    name = '浙江平湖工银村镇银行'
    tw = d.textlength(name, font=sf)
    mark = round(9 * MM)
    gap = round(3 * MM)
    x0 = (W - (mark + gap + tw)) / 2
    bbox = d.textbbox((0, 0), name, font=sf)
    text_h = bbox[3] - bbox[1]
    my = sy + (text_h - mark) / 2 + bbox[1]
    d.ellipse([x0, my, x0 + mark, my + mark], fill=RED)
    s = mark * 0.36                                  # square hole, like a coin
    c = (x0 + mark / 2, my + mark / 2)
    d.rectangle([c[0] - s / 2, c[1] - s / 2, c[0] + s / 2, c[1] + s / 2], fill=CREAM)
    d.text((x0 + mark + gap, sy), name, font=sf, fill=INK)

    # thin keyline round the whole ad, as a newspaper ad box
    k = round(0.3 * MM)
    d.rectangle([0, 0, W - 1, H - 1], outline=INK, width=k)

    img.save(OUT, 'PNG', dpi=(DPI, DPI), optimize=True)
    print(f'{os.path.basename(OUT)}: {W} x {H} px at {DPI} dpi '
          f'({W / MM:.1f} x {H / MM:.1f} mm)')


if __name__ == '__main__':
    main()
