import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    func placeRule(_ r: RuleSpec, ctx: CompositionContext, path: String, canvas: inout PageCanvas) throws(LayoutError) {
        let geo = ctx.geometry
        let w = r.weight?.length.points() ?? RuleWeight.story
        let owner = r.id ?? "rule"
        var lines: [(Point, Point, Double)] = []
        switch r.orientation ?? "horizontal" {
        case "horizontal":
            // On the boundary between grid lines top-1 and top: the middle of the blank line
            // editors leave between stories.
            let y = geo.lineTop(r.top)
            let x0 = geo.columnX(r.column), x1 = x0 + geo.spanWidth(r.span ?? 1)
            lines.append((Point(x: x0, y: y), Point(x: x1, y: y), w))
            if r.style == "double" || r.style == "thick-thin" {
                lines.append((Point(x: x0, y: y + w + RuleWeight.pairGap), Point(x: x1, y: y + w + RuleWeight.pairGap), r.style == "double" ? w : w / 3))
            }
        case "vertical":
            let x = geo.columnX(r.column) + geo.columnWidth + geo.gutter / 2
            let y0 = geo.lineTop(r.top), y1 = geo.lineTop(r.top + (r.height ?? 1))
            lines.append((Point(x: x, y: y0), Point(x: x, y: y1), w))
        default:
            throw LayoutError(file: ctx.file, path: path + ".orientation", "must be 'horizontal' or 'vertical'")
        }
        for (a, b, width) in lines { canvas.items.append(.rule(RuleItem(from: a, to: b, width: width, owner: owner))) }
    }
}
