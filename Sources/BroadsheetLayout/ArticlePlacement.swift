import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    /// A boxed story's text keeps half an em from its frame unless the box says otherwise.
    static let defaultBoxInset = 0.5

    func composeArticle(_ a: ArticleSpec, ctx: CompositionContext, path: String, page: Int, jumpPage: Int?,
                        canvas: inout PageCanvas, warnings: inout [LayoutWarning]) throws(LayoutError) -> (ArticleReport, StoryRemainder?) {
        let geo = ctx.geometry
        let rects = a.shape ?? [GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)]
        let ac = ArticleComposer(ctx: ctx)
        try ac.checkBodyColumns(a.bodyColumns, rects: rects, path: path + ".bodyColumns")
        var inset = 0.0, lineInset = 0
        if let box = a.box {
            inset = box.inset?.length.points(em: geo.bodySize) ?? geo.bodySize * Self.defaultBoxInset
            guard inset >= 0, inset <= geo.columnWidth / 2 else {
                throw LayoutError(file: ctx.file, path: path + ".box.inset", "must be from 0 to half a column")
            }
            lineInset = 1
            for r in rects {
                canvas.items.append(.rect(RectItem(rect: geo.rect(r), fill: box.fill.flatMap(StyleSheet.parseColor),
                                                   stroke: .black, strokeWidth: box.stroke?.length.points() ?? RuleWeight.story, owner: a.id)))
            }
        }
        var exclusions: [GridRect] = []
        let r0 = rects[0]
        if let h = a.headline {
            let hs = HeadlineSetter(ctx: ctx)
            let levels = try hs.levels(h, path: path + ".headline")
            let span = h.span ?? r0.span
            guard span >= 1, span <= r0.span else {
                throw LayoutError(file: ctx.file, path: path + ".headline.span", "must be between 1 and the article's \(r0.span) columns")
            }
            let side = h.placement == "side"
            if let p = h.placement, p != "side", p != "top" {
                throw LayoutError(file: ctx.file, path: path + ".headline.placement", "must be 'top' or 'side'")
            }
            let x = geo.columnX(r0.column) + inset
            let width = geo.spanWidth(span) - 2 * inset - (side ? geo.gutter / 2 : 0)
            let m = try hs.measure(levels, width: width, path: path + ".headline")
            let avail = r0.height - 2 * lineInset
            guard m.lines < avail else {
                throw LayoutError(file: ctx.file, path: path + ".headline",
                                  "the headline needs \(m.lines) lines; the article is only \(r0.height) line\(r0.height == 1 ? "" : "s") high")
            }
            let area = GridRect(column: r0.column, span: span, top: r0.top + lineInset, height: m.lines)
            hs.place(levels, sets: m.sets, height: m.height, x: x, width: width, topLine: area.top, lines: m.lines,
                     owner: a.id, on: &canvas)
            canvas.cover(area)
            exclusions.append(area)
        }
        for (k, ph) in (a.photos ?? []).enumerated() {
            let abs = GridRect(column: r0.column + ph.column - 1, span: ph.span, top: r0.top + ph.top, height: ph.height)
            if let e = exclusions.first, abs.overlaps(e) {
                throw LayoutError(file: ctx.file, path: "\(path).photos[\(k)].top",
                                  "the photo overlaps the headline, which takes lines \(e.top - r0.top)–\(e.bottom - r0.top - 1) of the article")
            }
            try PhotoSetter(ctx: ctx).place(ph, rect: abs, owner: ph.id ?? a.id, path: "\(path).photos[\(k)]",
                                            on: &canvas, warnings: &warnings)
            let bottom = rects.first { $0.column <= abs.column && abs.lastColumn <= $0.lastColumn }?.bottom ?? abs.bottom
            let clear = abs.bottom < bottom ? ArticleComposer.photoClearanceLines : 0
            exclusions.append(GridRect(column: abs.column, span: abs.span, top: abs.top, height: abs.height + clear))
        }
        let frames = ac.frames(rects: rects, bodyColumns: a.bodyColumns, exclusions: exclusions, inset: inset, lineInset: lineInset)
        guard !frames.isEmpty else {
            throw LayoutError(file: ctx.file, path: path, "the headline and photos leave no room for the body")
        }
        let blocks = try ac.blocks(for: a, path: path)
        let body = try ac.setBody(blocks, from: FlowPosition(block: 0, offset: 0), frames: frames, owner: a.id,
                                  jumpTo: jumpPage.map { "（下转\($0)版）" }, path: path + ".body", on: &canvas)
        let report = ac.report(id: a.id, page: page, body: body, blocks: blocks, width: frames[frames.count - 1].width,
                               continuedIn: a.continues)
        var rem: StoryRemainder?
        if body.jumped, let r = body.flow.remainder { rem = StoryRemainder(blocks: blocks, position: r, articleId: a.id, fromPage: page) }
        return (report, rem)
    }
}
