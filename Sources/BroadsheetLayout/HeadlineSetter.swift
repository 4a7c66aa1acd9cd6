import BroadsheetDisplay
import BroadsheetText

/// Sets a headline stack — 引题 kicker, 主题 main, 副题 subhead — centred in a block of whole
/// grid lines, so the body under it starts on the grid.
struct HeadlineSetter {
    let ctx: CompositionContext
    /// Space between the levels of the stack, as a share of the main headline's size.
    static let levelGap = 0.25
    /// At least this much of a grid line stays clear above and below the stack.
    static let padding = 0.5

    struct Level {
        var text: String
        var style: ResolvedStyle
    }

    func levels(_ h: HeadlineStack, path: String) throws(LayoutError) -> [Level] {
        var out: [Level] = []
        if let k = h.kicker, !k.isEmpty {
            out.append(Level(text: k, style: try ctx.style(h.kickerStyle ?? "kicker", path: path + ".kickerStyle")))
        }
        out.append(Level(text: h.main, style: try ctx.style(h.mainStyle ?? "headline", path: path + ".mainStyle")))
        if let s = h.subhead, !s.isEmpty {
            out.append(Level(text: s, style: try ctx.style(h.subheadStyle ?? "subhead", path: path + ".subhead")))
        }
        return out
    }

    /// Sets the stack across `width` and returns its set lines and the grid lines it needs.
    func measure(_ levels: [Level], width: Double, path: String) throws(LayoutError) -> (sets: [[ComposedParagraph]], height: Double, lines: Int) {
        var sets: [[ComposedParagraph]] = []
        var height = 0.0
        for (i, lv) in levels.enumerated() {
            // A `\n` in the text forces a line: two-line 主题 are set as the editor wrote them.
            let parts = lv.text.split(separator: "\n").map(String.init)
            var ps: [ComposedParagraph] = []
            for part in parts {
                let p = try ctx.setLines(part, style: lv.style, width: width, path: path)
                // A headline of two clauses (“守牢安全生产底线 护航经济社会发展”) that does not fit
                // on one line breaks between its clauses, as editors set it, not mid-phrase.
                let clauses = part.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
                if p.lines.count > 1, clauses.count > 1 {
                    for clause in clauses {
                        let c = try ctx.setLines(clause, style: lv.style, width: width, path: path)
                        ps.append(c)
                        height += Double(c.lines.count) * lv.style.leading
                    }
                    continue
                }
                ps.append(p)
                height += Double(p.lines.count) * lv.style.leading
            }
            sets.append(ps)
            if i > 0 { height += Self.levelGap * (levels.first { $0.style.name == "headline" }?.style.size ?? lv.style.size) }
        }
        let pitch = ctx.geometry.linePitch
        let lines = Int(((height / pitch) + 2 * Self.padding).rounded(.up))
        return (sets, height, lines)
    }

    func place(_ levels: [Level], sets: [[ComposedParagraph]], height: Double, x: Double, width: Double,
               topLine: Int, lines: Int, owner: String, on canvas: inout PageCanvas) {
        let pitch = ctx.geometry.linePitch
        var y = ctx.geometry.lineTop(topLine) + (Double(lines) * pitch - height) / 2
        for (i, lv) in levels.enumerated() {
            if i > 0 { y += Self.levelGap * (levels.first { $0.style.name == "headline" }?.style.size ?? lv.style.size) }
            for p in sets[i] {
                y += ctx.place(p, style: lv.style, x: x, top: y, owner: owner, kind: "headline", on: &canvas)
            }
        }
    }
}
