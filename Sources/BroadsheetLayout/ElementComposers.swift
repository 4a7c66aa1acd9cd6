import Foundation
import BroadsheetDisplay
import BroadsheetText

extension IssueComposer {
    func composeArticle(_ a: ArticleSpec, ctx: CompositionContext, path: String, page: Int, jumpPage: Int?,
                        canvas: inout PageCanvas, warnings: inout [LayoutWarning]) throws(LayoutError) -> (ArticleReport, StoryRemainder?) {
        let geo = ctx.geometry
        let rects = a.shape ?? [GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)]
        let ac = ArticleComposer(ctx: ctx)
        try ac.checkBodyColumns(a.bodyColumns, rects: rects, path: path + ".bodyColumns")
        var inset = 0.0, lineInset = 0
        if let box = a.box {
            inset = box.inset?.length.points(em: geo.bodySize) ?? geo.bodySize * 0.5
            lineInset = 1
            for r in rects {
                canvas.items.append(.rect(RectItem(rect: geo.rect(r), fill: box.fill.flatMap(StyleSheet.parseColor),
                                                   stroke: .black, strokeWidth: box.stroke?.length.points() ?? 0.5, owner: a.id)))
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
        let report = ac.report(id: a.id, page: page, body: body, blocks: blocks, width: frames.last!.width,
                               continuedIn: a.continues)
        var rem: StoryRemainder?
        if body.jumped, let r = body.flow.remainder { rem = StoryRemainder(blocks: blocks, position: r, articleId: a.id, fromPage: page) }
        return (report, rem)
    }

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
            let area = GridRect(column: c.column, span: c.span, top: c.top, height: min(m.lines, c.height - 1))
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
        let report = ac.report(id: c.id, page: page, body: body, blocks: blocks, width: frames.last!.width, continuedIn: c.continues)
        var next: StoryRemainder?
        if body.jumped, let r = body.flow.remainder {
            next = StoryRemainder(blocks: blocks, position: r, articleId: rem.articleId, fromPage: page)
        }
        return (report, next)
    }

    /// Ads are never cropped: scaled to fit their slot, with a warning when the artwork's
    /// proportions differ from the slot's by more than the 2 % a printer tolerates.
    func placeAd(_ a: AdSpec, ctx: CompositionContext, path: String, canvas: inout PageCanvas,
                 warnings: inout [LayoutWarning]) throws(LayoutError) {
        let g = GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)
        let slot = ctx.geometry.rect(g)
        let file = ctx.resolvePath(a.file)
        let info: ImageInfo
        do { info = try ImageInfoReader.read(file, pdfPage: a.page ?? 1) } catch {
            throw LayoutError(file: ctx.file, path: path + ".file", error.description)
        }
        let ratio = (info.width / info.height) / (slot.width / slot.height)
        if abs(ratio - 1) > 0.02 {
            warnings.append(LayoutWarning(path: path, "ad '\(a.id)' artwork is \(String(format: "%.1f", abs(ratio - 1) * 100))% off the slot's proportions; scaled to fit"))
        }
        let (frame, crop) = PhotoSetter.fit(info, into: slot)
        canvas.items.append(.image(ImageItem(source: ImageInfoReader.source(for: info, path: file, page: a.page ?? 1),
                                             frame: frame, crop: crop, owner: a.id)))
        if info.isRaster {
            let ppi = info.width / (frame.width / 72)
            if ppi < PhotoSetter.minimumPPI {
                warnings.append(LayoutWarning(path: path + ".file", "\(a.file) prints at \(Int(ppi.rounded())) ppi; newsprint wants at least \(Int(PhotoSetter.minimumPPI))"))
            }
        }
        if a.frame ?? false {
            canvas.items.append(.rect(RectItem(rect: slot, stroke: .black, strokeWidth: 0.25, owner: a.id)))
        }
        canvas.boxes.append(.init(owner: a.id, kind: "ad", rect: frame))
        canvas.cover(g)
    }

    func placeRule(_ r: RuleSpec, ctx: CompositionContext, path: String, canvas: inout PageCanvas) throws(LayoutError) {
        let geo = ctx.geometry
        let w = r.weight?.length.points() ?? 0.5
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
                lines.append((Point(x: x0, y: y + w + 1.5), Point(x: x1, y: y + w + 1.5), r.style == "double" ? w : w / 3))
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
        var quote = ""
        for (k, p) in t.paragraphs.enumerated() {
            let st = try ctx.style(p.style, path: "\(path).paragraphs[\(k)].style")
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
        return ArticleReport(id: owner, page: page, linesSet: lines, linesAvailable: lines + over, emptyLinesAtEnd: 0,
                             overset: overset, copyfit: over > 0 ? "-\(over) lines" : "fits", continuedIn: nil)
    }
}
