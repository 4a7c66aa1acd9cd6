import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    func composeContinuation(_ c: ContinuationSpec, remainder: StoryRemainder?, ctx: CompositionContext, path: String,
                             page: Int, jumpPage: Int?, canvas: inout PageCanvas,
                             warnings: inout [LayoutWarning]) throws(LayoutError) -> (ArticleReport, StoryRemainder?) {
        let geo = ctx.geometry
        let rect = GridRect(column: c.column, span: c.span, top: c.top, height: c.height)
        let ac = ArticleComposer(ctx: ctx)
        try ac.checkBodyColumns(c.bodyColumns, rects: [rect], path: path + ".bodyColumns")
        var exclusions: [GridRect] = []
        if let h = c.headline, !h.isEmpty {
            let hs = HeadlineSetter(ctx: ctx)
            let st = try ctx.style("jump-headline", path: path + ".headline")
            let levels = [HeadlineSetter.Level(text: h, style: st)]
            let width = geo.spanWidth(c.span)
            let m = try hs.measure(levels, width: width, path: path + ".headline")
            guard m.lines < c.height else {
                throw LayoutError(file: ctx.file, path: path + ".headline",
                                  "the headline needs \(m.lines) lines; the block is only \(c.height) line\(c.height == 1 ? "" : "s") high")
            }
            let area = GridRect(column: c.column, span: c.span, top: c.top, height: m.lines)
            hs.place(levels, sets: m.sets, height: m.height, x: geo.columnX(c.column), width: width, topLine: c.top,
                     lines: area.height, owner: c.id, on: &canvas)
            canvas.cover(area)
            exclusions.append(area)
        }
        let frames = ac.frames(rects: [rect], bodyColumns: c.bodyColumns, exclusions: exclusions, inset: 0, lineInset: 0)
        guard let rem = remainder, !frames.isEmpty else {
            if remainder == nil {
                warnings.append(LayoutWarning(path: path, "continuation '\(c.id)' receives no text: '\(c.of)' fits before the jump"))
            }
            let empty = frames.reduce(0) { $0 + $1.lineCount }
            return (ArticleReport(id: c.id, page: page, linesSet: 0, linesAvailable: empty, emptyLinesAtEnd: empty,
                                  overset: nil, copyfit: "+\(empty) lines", continuedIn: nil), nil)
        }
        let jump = try ctx.style("jump", path: path)
        var blocks: [FlowBlock] = [FlowBlock(kind: .jumpFrom, text: StyledText("（上接\(rem.fromPage)版）", style: jump.textStyle),
                                             size: jump.size, leading: jump.leading, align: .left, indent: 0,
                                             colors: [jump.color], gridLines: 1, solid: true)]
        var rest = Array(rem.blocks[rem.position.block...])
        if rem.position.offset > 0 {
            rest[0].text = rest[0].text.suffix(from: rem.position.offset)
            rest[0].indent = 0
        }
        blocks += rest
        let body = try ac.setBody(blocks, from: FlowPosition(block: 0, offset: 0), frames: frames, owner: c.id,
                                  jumpTo: jumpPage.map { "（下转\($0)版）" }, path: path, on: &canvas)
        let report = ac.report(id: c.id, page: page, body: body, blocks: blocks, width: frames[frames.count - 1].width,
                               continuedIn: c.continues)
        var next: StoryRemainder?
        if body.jumped, let r = body.flow.remainder {
            next = StoryRemainder(blocks: blocks, position: r, articleId: rem.articleId, fromPage: page)
        }
        return (report, next)
    }
}
