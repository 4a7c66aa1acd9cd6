/// The simplest breaker: fill each line with as many clusters as fit, never starting a line
/// with a closing mark or ending one with an opening mark. Kept as the baseline that the
/// Chinese composer is measured against.
public struct FirstFitBreaker: Sendable {
    public var alignment: TextAlignment
    public var firstLineIndent: Double

    static let noStart: Set<UInt32> = Set("、，；：。．！？”’」』）〕】〗］｝》〉～·…—%".unicodeScalars.map(\.value))
    static let noEnd: Set<UInt32> = Set("“‘「『（〔【〖［｛《〈".unicodeScalars.map(\.value))

    public init(alignment: TextAlignment = .left, firstLineIndent: Double = 0) {
        self.alignment = alignment
        self.firstLineIndent = firstLineIndent
    }

    /// `measures[i]` is the width of line i; the last entry repeats.
    public func compose(_ shaped: ShapedParagraph, measures: [Double]) -> ComposedParagraph {
        let cl = shaped.clusters
        let s = shaped.scalars
        var lines: [ComposedLine] = []
        var i = 0
        while i < cl.count {
            let measure = measures[min(lines.count, measures.count - 1)]
            let indent = lines.isEmpty ? firstLineIndent : 0
            var w = indent
            var j = i
            while j < cl.count, w + cl[j].advance <= measure + 0.001 || j == i {
                w += cl[j].advance
                j += 1
            }
            // Pull back so the next line does not start with a closing mark.
            var k = j
            while k < cl.count, k > i + 1,
                  Self.noStart.contains(s[cl[k].start]) || Self.noEnd.contains(s[cl[k - 1].start]) {
                k -= 1
            }
            if k > i { j = k }
            var glyphs: [LineGlyph] = []
            var x = indent
            for c in cl[i..<j] {
                for g in shaped.glyphs[c.glyphStart..<c.glyphEnd] {
                    glyphs.append(LineGlyph(id: g.id, font: c.font, size: c.size, x: x + g.xOffset, y: g.yOffset,
                                            clusterStart: c.start, clusterEnd: c.end, span: c.span))
                    x += g.advance
                }
                x += c.advance - shaped.glyphs[c.glyphStart..<c.glyphEnd].reduce(0) { $0 + $1.advance }
            }
            let last = j >= cl.count
            let shift: Double
            switch alignment {
            case .center: shift = (measure - x) / 2
            case .right: shift = measure - x
            default: shift = 0
            }
            if shift != 0 { for g in glyphs.indices { glyphs[g].x += shift } }
            lines.append(ComposedLine(start: cl[i].start, end: cl[j - 1].end, glyphs: glyphs, measure: measure,
                                      width: x + shift, ratio: 0, isLast: last, breakReason: "first-fit"))
            i = j
        }
        return ComposedParagraph(text: shaped.text, lines: lines, missing: shaped.missing)
    }
}
