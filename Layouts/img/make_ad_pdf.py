#!/usr/bin/env python3
"""Draw the sample issue's two vector display ads as PDF with Cairo.

    ad-halfpage.pdf   8 columns x 50 grid lines = 999 x 675 pt (half page)
    ad-strip.pdf      8 columns x  8 grid lines = 999 x 108 pt (strip)

Both advertise a *fictional* event, the 2025 平湖新春购物节 "金蛇迎春 年货大集":
the organiser, venue details, offers and the phone number 0573-85551234 are made
up for this project; each ad says so in small print (示例广告, 内容均为虚构).

Everything is vector: the text is real PDF text (Cairo's toy font API, fonts
embedded as subsets, so pdftotext finds the words), the band, border, lanterns,
coins and bullets are Cairo paths.  There are no raster images.

Fonts (Debian fonts-noto-cjk, resolved by fontconfig):
    "Noto Serif CJK SC" bold    -> /usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc
    "Noto Sans CJK SC"  bold    -> /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
    "Noto Sans CJK SC"  normal  -> /usr/share/fonts/opentype/noto/NotoSansCJK-Medium.ttc
      (Cairo's toy API asks fontconfig for weight "medium" when told NORMAL)
Cairo embeds CFF subsets; with Cairo 1.16 they keep the fonts' subroutines, so
the half-page PDF is about 1 MB and the strip about 180 KB.

Reproducible: the PDF creation date is pinned (CREATE_DATE below), so two runs
with the same Cairo and fonts give byte-identical files.

    apt-get install python3-cairo          (Debian's pycairo, for /usr/bin/python3)
    /usr/bin/python3 Layouts/img/make_ad_pdf.py
"""
import math
import os

import cairo

HERE = os.path.dirname(os.path.abspath(__file__))

# Page geometry of the broadsheet grid, in PostScript points.
HALF_W, HALF_H = 999, 675     # 8 columns x 50 lines
STRIP_W, STRIP_H = 999, 108   # 8 columns x 8 lines

CREATE_DATE = '2025-01-10T00:00:00Z'

SERIF = 'Noto Serif CJK SC'
SANS = 'Noto Sans CJK SC'


def rgb(hexstr):
    h = hexstr.lstrip('#')
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))


RED = rgb('#C4122F')       # 中国红
DEEP = rgb('#7A0A1C')
GOLD = rgb('#E8BE60')
PALE_GOLD = rgb('#FAE8B4')
CREAM = rgb('#FFFAF0')
INK = rgb('#2A1414')


# --- helpers ---------------------------------------------------------------

def new_pdf(path, w, h):
    surf = cairo.PDFSurface(path, w, h)
    surf.restrict_to_version(cairo.PDF_VERSION_1_5)
    surf.set_metadata(cairo.PDFMetadata.TITLE, os.path.basename(path))
    surf.set_metadata(cairo.PDFMetadata.CREATOR, 'Broadsheet Layouts/img/make_ad_pdf.py')
    surf.set_metadata(cairo.PDFMetadata.CREATE_DATE, CREATE_DATE)
    surf.set_metadata(cairo.PDFMetadata.MOD_DATE, CREATE_DATE)
    return surf, cairo.Context(surf)


def font(cr, family, size, bold=False):
    cr.select_font_face(family, cairo.FONT_SLANT_NORMAL,
                        cairo.FONT_WEIGHT_BOLD if bold else cairo.FONT_WEIGHT_NORMAL)
    cr.set_font_size(size)


def text_width(cr, s):
    return cr.text_extents(s).x_advance


def show(cr, s, x, y, colour, align='left', tracking=0.0):
    """Draw s with its baseline at y; align is left / center / right of x.
    tracking adds that many points between characters (drawn one by one)."""
    w = text_width(cr, s) + tracking * max(len(s) - 1, 0)
    if align == 'center':
        x -= w / 2
    elif align == 'right':
        x -= w
    cr.set_source_rgb(*colour)
    if tracking:
        for ch in s:
            cr.move_to(x, y)
            cr.show_text(ch)
            x += text_width(cr, ch) + tracking
    else:
        cr.move_to(x, y)
        cr.show_text(s)
    return w


def ellipse(cr, cx, cy, rx, ry):
    cr.save()
    cr.translate(cx, cy)
    cr.scale(rx, ry)
    cr.new_sub_path()
    cr.arc(0, 0, 1, 0, 2 * math.pi)
    cr.restore()


def lantern(cr, cx, top, r, string_len):
    """A red lantern hanging from y=top: string, gold caps, ribbed body, tassel."""
    body_cy = top + string_len + r * 0.95
    ry = r * 0.82
    # string
    cr.set_source_rgb(*DEEP)
    cr.set_line_width(1.6)
    cr.move_to(cx, top)
    cr.line_to(cx, body_cy - ry - r * 0.12)
    cr.stroke()
    # top cap
    cap_w, cap_h = r * 0.62, r * 0.16
    cr.set_source_rgb(*GOLD)
    cr.rectangle(cx - cap_w / 2, body_cy - ry - cap_h * 0.75, cap_w, cap_h)
    cr.fill()
    # body
    ellipse(cr, cx, body_cy, r, ry)
    cr.set_source_rgb(*RED)
    cr.fill()
    # ribs: narrower ellipses, stroked
    cr.set_source_rgb(*DEEP)
    cr.set_line_width(1.4)
    for f in (0.72, 0.40):
        ellipse(cr, cx, body_cy, r * f, ry)
        cr.stroke()
    cr.move_to(cx, body_cy - ry)
    cr.line_to(cx, body_cy + ry)
    cr.stroke()
    # highlight
    cr.set_source_rgba(*PALE_GOLD, 0.35)
    ellipse(cr, cx - r * 0.45, body_cy - ry * 0.35, r * 0.16, ry * 0.32)
    cr.fill()
    # bottom cap
    cr.set_source_rgb(*GOLD)
    cr.rectangle(cx - cap_w / 2, body_cy + ry - cap_h * 0.25, cap_w, cap_h)
    cr.fill()
    # tassel
    t_top = body_cy + ry + cap_h * 0.75
    cr.set_line_width(1.2)
    for dx in (-0.12, -0.06, 0.0, 0.06, 0.12):
        cr.move_to(cx + dx * r * 0.6, t_top)
        cr.line_to(cx + dx * r * 1.6, t_top + r * 0.75)
    cr.set_source_rgb(*RED)
    cr.stroke()
    cr.set_source_rgb(*GOLD)
    cr.arc(cx, t_top + r * 0.02, r * 0.07, 0, 2 * math.pi)
    cr.fill()
    return body_cy, ry


def coin(cr, cx, cy, r, colour, hole=True):
    """A round gold coin with a square hole (just circles and a square)."""
    cr.set_source_rgb(*colour)
    cr.new_sub_path()
    cr.arc(cx, cy, r, 0, 2 * math.pi)
    if hole:
        s = r * 0.42
        # reversed square so the even-odd / winding fill leaves a hole
        cr.move_to(cx - s / 2, cy - s / 2)
        cr.line_to(cx - s / 2, cy + s / 2)
        cr.line_to(cx + s / 2, cy + s / 2)
        cr.line_to(cx + s / 2, cy - s / 2)
        cr.close_path()
    cr.set_fill_rule(cairo.FILL_RULE_EVEN_ODD)
    cr.fill()
    cr.set_fill_rule(cairo.FILL_RULE_WINDING)
    if hole:
        cr.set_source_rgb(*DEEP)
        cr.set_line_width(max(r * 0.08, 0.8))
        cr.arc(cx, cy, r * 0.78, 0, 2 * math.pi)
        cr.stroke()


def border(cr, w, h, inset, colour, width):
    cr.set_source_rgb(*colour)
    cr.set_line_width(width)
    cr.rectangle(inset, inset, w - 2 * inset, h - 2 * inset)
    cr.stroke()


# --- half-page ad ----------------------------------------------------------

HEADLINE = '金蛇迎春 年货大集'
SUBLINE = '2025平湖新春购物节　1月18日—1月26日　市民广场'
OFFERS = [
    '满200元立减30元，全场商户通用',
    '本地名优特产专区，农家年货产地直供',
    '每天前100名到场顾客免费领春联、“福”字',
    '扫码登记参与抽奖，家电大奖天天开',
]
PHONE_LABEL = '咨询热线'
PHONE = '0573-85551234'
ORGANISER = '主办：平湖新春购物节组委会'
SAMPLE_NOTE = '示例广告 · Broadsheet 样张 · 内容均为虚构'


def half_page(path):
    W, H = HALF_W, HALF_H
    surf, cr = new_pdf(path, W, H)

    # paper
    cr.set_source_rgb(*CREAM)
    cr.rectangle(0, 0, W, H)
    cr.fill()

    # top band
    band_h = 200
    cr.set_source_rgb(*RED)
    cr.rectangle(0, 0, W, band_h)
    cr.fill()
    cr.set_source_rgb(*GOLD)
    cr.rectangle(0, band_h, W, 6)
    cr.fill()
    cr.set_source_rgb(*DEEP)
    cr.rectangle(0, band_h + 6, W, 2)
    cr.fill()

    # scattered coins/dots in the band
    for (x, y, r) in [(60, 44, 16), (112, 150, 10), (890, 40, 12), (948, 132, 18),
                      (820, 168, 8), (180, 60, 6), (770, 30, 6)]:
        coin(cr, x, y, r, GOLD, hole=r >= 10)

    font(cr, SANS, 17, bold=True)
    show(cr, '2025 PINGHU SPRING FESTIVAL FAIR', W / 2, 46, PALE_GOLD,
         align='center', tracking=3.0)
    font(cr, SERIF, 96, bold=True)
    show(cr, HEADLINE, W / 2, 158, (1, 1, 1), align='center')

    # subline
    font(cr, SERIF, 30, bold=True)
    show(cr, SUBLINE, W / 2, 262, DEEP, align='center')
    cr.set_source_rgb(*GOLD)
    cr.set_line_width(1.5)
    cr.move_to(60, 284)
    cr.line_to(W - 60, 284)
    cr.stroke()

    # offers, left
    x0, y = 78, 340
    for s in OFFERS:
        # diamond bullet: a rotated square drawn as a path
        cr.set_source_rgb(*RED)
        cx, cy, d = x0, y - 10, 9
        cr.move_to(cx, cy - d)
        cr.line_to(cx + d, cy)
        cr.line_to(cx, cy + d)
        cr.line_to(cx - d, cy)
        cr.close_path()
        cr.fill()
        font(cr, SANS, 26, bold=True)
        show(cr, s, x0 + 24, y, INK)
        y += 58

    # lanterns, right
    cr.set_source_rgb(*DEEP)
    cr.set_line_width(2)
    cr.move_to(668, 292)
    cr.curve_to(740, 306, 880, 306, 960, 292)
    cr.stroke()
    lantern(cr, 728, 300, 50, 26)
    lantern(cr, 880, 300, 60, 12)
    lantern(cr, 806, 304, 36, 84)

    # 福 badge between the lanterns' tassels
    cr.set_source_rgb(*RED)
    cr.save()
    cr.translate(896, 522)
    cr.rotate(math.pi / 4)
    cr.rectangle(-34, -34, 68, 68)
    cr.restore()
    cr.fill()
    font(cr, SERIF, 44, bold=True)
    ext = cr.text_extents('福')
    show(cr, '福', 896, 522 - ext.y_bearing - ext.height / 2, PALE_GOLD, align='center')

    # bottom band: phone + organiser
    bb = 92
    cr.set_source_rgb(*DEEP)
    cr.rectangle(0, H - bb, W, bb)
    cr.fill()
    cr.set_source_rgb(*GOLD)
    cr.rectangle(0, H - bb - 4, W, 4)
    cr.fill()
    font(cr, SANS, 22, bold=True)
    lw = show(cr, PHONE_LABEL, 60, H - 36, PALE_GOLD)
    font(cr, SANS, 40, bold=True)
    show(cr, PHONE, 60 + lw + 14, H - 34, (1, 1, 1))
    font(cr, SANS, 18, bold=True)
    show(cr, ORGANISER, W - 60, H - 52, PALE_GOLD, align='right')
    font(cr, SANS, 13)
    show(cr, SAMPLE_NOTE, W - 60, H - 28, PALE_GOLD, align='right')

    # thin border, inside the page edge
    border(cr, W, H, 5, GOLD, 1.2)
    border(cr, W, H, 0.5, DEEP, 1.0)

    cr.show_page()
    surf.finish()


# --- strip ad --------------------------------------------------------------

def strip(path):
    W, H = STRIP_W, STRIP_H
    surf, cr = new_pdf(path, W, H)

    cr.set_source_rgb(*CREAM)
    cr.rectangle(0, 0, W, H)
    cr.fill()

    # red block on the left with the headline
    left_w = 430
    cr.set_source_rgb(*RED)
    cr.rectangle(0, 0, left_w, H)
    cr.fill()
    cr.set_source_rgb(*GOLD)
    cr.rectangle(left_w, 0, 4, H)
    cr.fill()
    for (x, y, r) in [(38, 32, 13), (62, 80, 8), (24, 88, 5)]:
        coin(cr, x, y, r, GOLD, hole=r >= 7)
    font(cr, SERIF, 48, bold=True)
    show(cr, '年货大集', 90, 72, (1, 1, 1))
    font(cr, SANS, 17, bold=True)
    show(cr, '金蛇迎春', 300, 50, PALE_GOLD)
    show(cr, '1月18日开市', 300, 76, PALE_GOLD)

    # right: event line, offer line, facts line
    x0 = 462
    font(cr, SANS, 14, bold=True)
    show(cr, '2025平湖新春购物节 · 1月18日—1月26日', x0, 28, RED)
    font(cr, SANS, 24, bold=True)
    show(cr, '满200元立减30元 · 本地年货产地直供', x0, 62, INK)
    font(cr, SANS, 17, bold=True)
    w = show(cr, '市民广场　咨询热线 ', x0, 92, DEEP)
    font(cr, SANS, 20, bold=True)
    show(cr, PHONE, x0 + w, 92, RED)

    # two small lanterns at the right end
    cr.set_source_rgb(*DEEP)
    cr.set_line_width(1.5)
    cr.move_to(890, 6)
    cr.line_to(990, 6)
    cr.stroke()
    lantern(cr, 918, 6, 17, 6)
    lantern(cr, 962, 6, 22, 2)
    font(cr, SANS, 9)
    show(cr, '示例广告 · 内容均为虚构', W - 12, H - 9, DEEP, align='right')

    border(cr, W, H, 0.5, DEEP, 1.0)

    cr.show_page()
    surf.finish()


if __name__ == '__main__':
    half_page(os.path.join(HERE, 'ad-halfpage.pdf'))
    strip(os.path.join(HERE, 'ad-strip.pdf'))
