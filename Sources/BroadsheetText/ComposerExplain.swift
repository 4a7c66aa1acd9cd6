/// What the composer decided, for proofs and debugging: which rule allowed each break and
/// at what penalty, alongside the set lines.
public struct ComposerExplanation: Sendable {
    public var paragraph: ComposedParagraph
    public var penalties: [Int32]
    public var rules: [BreakRule]

    public func dump(glyphs: Bool = false) -> String {
        var out = ""
        let text = paragraph.text
        for (l, line) in paragraph.lines.enumerated() {
            let s = StyledText.string(text.scalars[line.start..<line.end])
            let r = (line.ratio * 1000).rounded() / 1000
            out += "line \(l + 1) [\(line.start)..<\(line.end)] \(s)\n"
            out += "  width \(fmt(line.width)) / \(fmt(line.measure)) pt, ratio \(r)"
            if line.overflow > 0 { out += ", OVERFULL by \(fmt(line.overflow)) pt" }
            if line.hangs { out += ", hangs" }
            out += line.isLast ? ", last line (set solid)\n" : "\n"
            out += "  break: \(rules[l]) (penalty \(penalties[l]))\n"
            if glyphs {
                out += "  glyphs:"
                for g in line.glyphs {
                    let ch = StyledText.string(text.scalars[g.clusterStart..<g.clusterEnd])
                    out += " \(ch)@\(fmt(g.x))"
                }
                out += "\n"
            }
        }
        return out
    }

    private func fmt(_ v: Double) -> String {
        let x = (v * 100).rounded() / 100
        return String(x)
    }
}
