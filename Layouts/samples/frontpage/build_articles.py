#!/usr/bin/env python3
"""Rebuild the sample front page's article texts from the raw PDF text dump.

Usage:  build_articles.py SEED.txt [OUTDIR]     (OUTDIR defaults to this folder)

SEED.txt is the text layer of the 2025-01-10 front page of 平湖日报 as extracted
from the PDF (000_a9c4c5c8d2ef1f52.txt).  The dump breaks lines at column width,
glues neighbouring columns together with a space and emits the columns of the
narrow-column article (`visit`) out of order.  This script applies a declared,
reviewable recipe and writes <id>.txt, one paragraph per line.

Recipe pieces (line numbers are 1-based lines of the dump):
  N        the whole line N
  (N, k)   the k-th space-separated chunk of line N (a chunk is one column line,
           or one half of two glued columns)
  ('##', N) line N as an inline subheading, written "## ..."

Rules (see README.md):
  * No words are added.  Where the dump lost a whole column line (a paragraph's
    last line, or a line in the middle of a paragraph) the paragraph ENDS where
    the dump's text ends, and the text after the gap starts a new paragraph.
  * Single characters lost inside a line are restored only where the column
    width proves a character is missing and the text itself shows which one
    (LINE_EDITS, each with its evidence).
  * ASCII spaces are column-break artefacts and are removed; the dateline
    本报讯 is taken out of the body (it lives in articles.json).
  * Halfwidth , ; : ( ) become ， ； ： （ ）, straight double quotes become
    alternating “ ” within a paragraph; digits, %, +, ., · and Latin stay ASCII.
"""
import os
import sys

# {line: [(old, new, evidence), ...]} applied to the dump before chunking
LINE_EDITS = {
    # lead: the paragraph's first column line is 14 characters wide only with
    # 产 in place of the stray '"'; previous paragraph is about 产业体系.
    179: [('"业体系', '产业体系', 'garbled first character')],
    # visit: the paragraph ends here (next line begins "1月8日上午"), but the
    # full stop is missing; every other paragraph-final short line keeps it.
    103: [('和问候', '和问候。', 'lost full stop')],
    # book: "凝聚共识" fills its 13-character line; the enumeration comma hung
    # in the margin (hanging punctuation) and was not extracted.
    201: [('凝聚共识 凝聚智慧', '凝聚共识、凝聚智慧', 'lost hanging comma')],
    # safety: first line "就做好新一年的安全生" is one character short of the
    # indented line width; the same phrase 安全生产、防灾减灾救灾工作 is in the
    # subhead and the second paragraph.
    217: [('安全生 、', '安全生产、', 'lost character')],
    # finance: first line "周军波充分肯定了过去" is one character short; the
    # paragraph itself says 过去一年 two sentences later.
    229: [('过去 年', '过去一年', 'lost character')],
    # visit: two glued columns with no space between them.
    99: [('街道、对象', '街道、 对象', 'glued columns')],
}

ARTICLES = {
    'lead': ('本报讯', [
        [23],
        [(25, i) for i in range(8)],            # ends "实现平": last line lost
        [177],                                  # ends "千亿级产": last line lost
        [179],                                  # ends "贡献自己": last line lost
        [181, 183],
        [185],                                  # ends "相关负责": last line lost
    ]),
    'visit': ('本报讯', [
        [105, 29, 31, 33, 35, 37, 39, 103],
        [101] + list(range(41, 62, 2)),         # ends "与身体": a line lost
        [85, 63, 65, 67, 69],                   # ends "各项优抚": a line lost
        [(87, 0), 71],
        [(89, 0), (91, 0), 73, (93, 0), (95, 0), 75, 77, 79, 81, (97, 0),
         (99, 0), 83, 113, (115, 0), (115, 1), 117],  # ends "新春佳": lost
        [175] + list(range(119, 162, 2)) + [(87, 1), 163, (89, 1), (91, 1), 165,
                                            (93, 1), (95, 1), 167],  # "党和政府"
        [173, 169, (97, 1), (99, 1), 171],
    ]),
    'book': ('本报讯', [
        [193],
        [195],
        [197],                                  # ends "是": a line lost
        [(199, i) for i in range(7)],           # starts "能部门"
        [(199, 7), 201],
    ]),
    'safety': ('本报讯', [
        [209],
        [211, 213],
        [215],
        [217],                                  # (下转2版)
    ]),
    'finance': ('本报讯', [
        [223],
        [225],                                  # ends "中国银行平湖支": lost
        [227],                                  # "技局、财政局作交流发言。"
        [229, 233],
        [231],                                  # (下转2版)
    ]),
    'interview': (None, [
        [249, (265, 0), 251],
        [253],
        [('##', 255)],
        [(257, i) for i in (0, 1, 3, 5, 6, 7, 8, 9)],
        [(265, 1), 259],                        # ends "何苗": last line lost
        [261, (257, 2), (257, 4)],
        [263] + [(265, i) for i in range(2, 11)],
        [('##', 267)],
        [269],
        [271, 273],
        [275],
        [('##', 277)],
        [279],                                  # (下转2版)
    ]),
}

CJK_PUNCT = {',': '，', ';': '；', ':': '：', '(': '（', ')': '）'}
JUMP = '(下转2版)'


def load(seed):
    with open(seed, encoding='utf-8') as f:
        lines = f.read().split('\n')
    out = {}
    for i, line in enumerate(lines, 1):
        for old, new, _ in LINE_EDITS.get(i, []):
            assert old in line, (i, old)
            line = line.replace(old, new)
        out[i] = line.strip()
    return out


def piece(lines, p, used):
    key = p if isinstance(p, tuple) else (p, None)
    assert key not in used, ('piece used twice', key)
    used.add(key)
    if isinstance(p, tuple) and p[0] == '##':
        return lines[p[1]]
    if isinstance(p, tuple):
        return lines[p[0]].split(' ')[p[1]]
    return lines[p]


def normalise(par):
    par = par.replace(JUMP, '').replace(' ', '')
    par = ''.join(CJK_PUNCT.get(c, c) for c in par)
    out, opening = [], True
    for c in par:
        if c == '"':
            out.append('\u201c' if opening else '\u201d')
            opening = not opening
        else:
            out.append(c)
    assert opening, 'unbalanced quotes: ' + par[:30]
    return ''.join(out)


def main():
    seed = sys.argv[1]
    outdir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))
    lines = load(seed)
    used = set()
    for aid, (dateline, pars) in ARTICLES.items():
        texts = []
        for i, par in enumerate(pars):
            raw = ''.join(piece(lines, p, used) for p in par)
            if i == 0 and dateline:
                assert raw.startswith(dateline + ' '), (aid, raw[:10])
                raw = raw[len(dateline) + 1:]
            head = isinstance(par[0], tuple) and par[0][0] == '##'
            texts.append(('## ' if head else '') + normalise(raw))
        body = '\n'.join(texts) + '\n'
        with open(os.path.join(outdir, aid + '.txt'), 'w', encoding='utf-8') as f:
            f.write(body)
        chars = sum(1 for t in texts if not t.startswith('## ') for c in t)
        print(f'{aid}: {len(texts)} lines, {chars} body characters', file=sys.stderr)


if __name__ == '__main__':
    main()
