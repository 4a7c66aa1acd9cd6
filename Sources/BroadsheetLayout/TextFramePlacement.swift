import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    /// The plain frame format: paragraphs at their style's leading from the frame's top.
    func placeTextFrame(_ t: TextFrameSpec, ctx: CompositionContext, path: String, page: Int,
                        canvas: inout PageCanvas) throws(LayoutError) -> ArticleReport {
        let x = t.x.length.points(), y = t.y.length.points()
        let w = t.width.length.points(), h = t.height.length.points()
        for (k, v) in [("width", w), ("height", h)] where v <= 0 {
            throw LayoutError(file: ctx.file, path: "\(path).\(k)", "must be positive")
        }
        let owner = t.id ?? "text"
        var cursor = 0.0
        var lines = 0, over = 0, overChars = 0
        var lastLeading = 0.0
        var quote = ""
        for (k, p) in t.paragraphs.enumerated() {
            let st = try ctx.style(p.style, path: "\(path).paragraphs[\(k)].style")
            lastLeading = st.leading
            let set: ComposedParagraph
            do {
                set = try ctx.setter.set(StyledText(p.text, style: st.textStyle), measures: [w], align: st.align,
                                         indent: st.indent * st.size)
            } catch { throw LayoutError(file: ctx.file, path: "\(path).paragraphs[\(k)]", error.description) }
            for line in set.lines {
                if cursor + st.leading > h + 0.01 {
                    over += 1
                    let rest = StyledText.string(set.text.scalars[line.start..<line.end])
                    overChars += rest.unicodeScalars.filter { !$0.properties.isWhitespace }.count
                    if quote.count < ArticleComposer.oversetQuoteLength { quote += rest.prefix(ArticleComposer.oversetQuoteLength - quote.count) }
                    continue
                }
                let baseline = y + cursor + (st.leading - st.size) / 2 + st.size * ideographicAscent
                canvas.add(ctx.runs.runs(for: line, text: set.text, origin: Point(x: x, y: baseline), owner: owner,
                                         color: { _ in st.color }))
                canvas.boxes.append(.init(owner: owner, kind: "body",
                                          rect: Rect(x: x, y: baseline - st.size * ideographicAscent, width: line.width, height: st.size)))
                cursor += st.leading
                lines += 1
            }
        }
        let overset = over > 0 ? ArticleReport.Overset(characters: overChars, lines: over, firstWords: quote) : nil
        // Room left below the last line, counted in lines of the last paragraph's leading.
        let empty = over > 0 ? 0 : Int(((h - cursor) / max(lastLeading, 0.01)).rounded(.down))
        return ArticleReport(id: owner, page: page, linesSet: lines, linesAvailable: lines + (over > 0 ? 0 : empty),
                             emptyLinesAtEnd: empty, overset: overset,
                             copyfit: over > 0 ? "-\(over) lines" : (empty > 0 ? "+\(empty) lines" : "fits"), continuedIn: nil)
    }
}
