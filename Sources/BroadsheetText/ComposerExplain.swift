/// What the composer decided, for proofs and debugging: which rule allowed each break and
/// at what penalty, alongside the set lines.
public struct ComposerExplanation: Sendable {
    public var paragraph: ComposedParagraph
    /// Penalty and rule of each line's break; empty when only the composed lines are known
    /// (the rule's wording is kept in `ComposedLine.breakReason` either way).
    public var penalties: [Int32]
    public var rules: [BreakRule]

    public init(paragraph: ComposedParagraph, penalties: [Int32] = [], rules: [BreakRule] = []) {
        self.paragraph = paragraph; self.penalties = penalties; self.rules = rules
    }

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
            out += "  break: \(line.breakReason)"
            out += l < penalties.count ? " (penalty \(penalties[l]))\n" : "\n"
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
