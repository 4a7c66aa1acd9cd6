/// Places the glyphs of a justified line: each cluster's glyphs at its box start, shifted
/// left by the blank the font keeps before the ink (opening marks), then aligned.
struct LinePlacer {
    let lm: LineMetrics
    let shaped: ShapedParagraph

    func line(_ b: LineBreak, placement p: Justifier.Placement, measure: Double, last: Bool, reason: String) -> ComposedLine {
        let m = lm.model
        let clusters = shaped.clusters
        let glyphs = shaped.glyphs
        var shift = 0.0
        switch lm.options.alignment {
        case .center: shift = (measure - p.width) / 2
        case .right: shift = measure - p.width
        default: break
        }
        var out: [LineGlyph] = []
        out.reserveCapacity(clusters[b.end - 1].glyphEnd - clusters[b.start].glyphStart)
        for k in b.start..<b.end {
            let c = clusters[k]
            var pen = p.boxX[k - b.start] + m.inkShift[k] + shift
            if m.glyphOverride[k] != GlueModel.noGlyph {
                out.append(LineGlyph(id: m.glyphOverride[k], font: c.font, size: c.size, x: pen, y: 0,
                                     clusterStart: c.start, clusterEnd: c.end, span: c.span))
                continue
            }
            for gi in c.glyphStart..<c.glyphEnd {     // indexed: a slice per cluster cost a retain and release
                let g = glyphs[gi]
                out.append(LineGlyph(id: g.id, font: c.font, size: c.size, x: pen + g.xOffset, y: g.yOffset,
                                     clusterStart: c.start, clusterEnd: c.end, span: c.span))
                pen += g.advance
            }
        }
        let start = clusters[b.start].start
        let end = clusters[b.end - 1].end
        return ComposedLine(start: start, end: end, glyphs: out, measure: measure, width: p.width + shift,
                            ratio: p.ratio, isLast: last, breakReason: reason,
                            overflow: p.overflow, hangs: b.hang)
    }
}
