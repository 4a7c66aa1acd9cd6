import Foundation
import BroadsheetDisplay
import BroadsheetText

/// Text of a story that did not fit its block, waiting for its continuation (下转/上接).
struct StoryRemainder {
    var blocks: [FlowBlock]
    var position: FlowPosition
    var articleId: String
    var fromPage: Int
}

/// Sets one article: headline stack, byline, body flowing through its columns around its
/// photos, box and jump line; and says how the copy fitted.
struct ArticleComposer {
    let ctx: CompositionContext
    /// A clear grid line between an in-article photo's caption and the text below it.
    static let photoClearanceLines = 1
    /// Grid lines a 小标题 takes; its text is centred in them.
    static let subheadingLines = 2
    /// Characters of overset text quoted in the report.
    static let oversetQuoteLength = 16

    // MARK: blocks

    func blocks(for a: ArticleSpec, path: String) throws(LayoutError) -> [FlowBlock] {
        let body = try ctx.style(a.bodyStyle ?? "body", path: path + ".bodyStyle")
        let bold = (try? ctx.style("bold", path: path)) ?? body
        var out: [FlowBlock] = []
        if let b = a.byline, !b.isEmpty {
            let st = try ctx.style("byline", path: path + ".byline")
            // A `\n` starts a new byline line, so names are not split between lines.
            for part in b.split(separator: "\n") where !part.isEmpty {
                out.append(block(.byline, StyledText(String(part), style: st.textStyle), st, colors: [st.color], indent: 0))
            }
        }
        let parsed = try BodyText.load(a.body, baseDir: ctx.baseDir, path: path + ".body", file: ctx.file)
        if let d = a.dateline, !d.isEmpty, !parsed.contains(where: { if case .paragraph = $0 { return true }; return false }) {
            throw LayoutError(file: ctx.file, path: path + ".dateline", "the dateline runs into the first paragraph, and the body has none")
        }
        var first = true
        for b in parsed {
            switch b {
            case .subheading(let t):
                let st = try ctx.style("crosshead", path: path + ".body")
                var fb = block(.subheading, StyledText(t, style: st.textStyle), st, colors: [st.color], indent: 0)
                fb.gridLines = Self.subheadingLines
                out.append(fb)
            case .paragraph(let text, let boldRanges):
                var pieces: [(String, TextStyle, RGBColor)] = []
                if first, let d = a.dateline, !d.isEmpty {
                    let st = try ctx.style("dateline", path: path + ".dateline")
                    pieces.append((d + "\u{3000}", st.textStyle, st.color))
                }
                let scalars = Array(text.unicodeScalars)
                var i = 0
                for r in boldRanges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
                    if r.lowerBound > i { pieces.append((str(scalars[i..<r.lowerBound]), body.textStyle, body.color)) }
                    pieces.append((str(scalars[r]), bold.textStyle, bold.color))
                    i = r.upperBound
                }
                if i < scalars.count { pieces.append((str(scalars[i...]), body.textStyle, body.color)) }
                let st = StyledText(pieces: pieces.map { ($0.0, $0.1) })
                out.append(block(.paragraph, st, body, colors: pieces.filter { !$0.0.isEmpty }.map(\.2),
                                 indent: body.indent * body.size))
                first = false
            }
        }
        return out
    }

    private func str(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var v = String.UnicodeScalarView(); v.append(contentsOf: s); return String(v)
    }

    func block(_ kind: FlowBlock.Kind, _ text: StyledText, _ st: ResolvedStyle, colors: [RGBColor], indent: Double) -> FlowBlock {
        FlowBlock(kind: kind, text: text, size: st.size, leading: st.leading, align: st.align, indent: indent,
                  colors: colors, gridLines: 1)
    }

    // MARK: frames

    /// Body frames of a block: each column (grid or 破栏) of each rectangle, cut into
    /// segments around the excluded areas (headline, photos), in reading order.
    func frames(rects: [GridRect], bodyColumns: Int?, exclusions: [GridRect], inset: Double, lineInset: Int) -> [FlowFrame] {
        let geo = ctx.geometry
        var out: [FlowFrame] = []
        for r in rects {
            let area = geo.rect(r)
            let x0 = area.x + inset, width = area.width - 2 * inset
            let k = bodyColumns ?? r.span
            let w = (width - Double(k - 1) * geo.gutter) / Double(k)
            for i in 0..<k {
                let cx = x0 + Double(i) * (w + geo.gutter)
                var blocked = Set<Int>()
                for e in exclusions {
                    let er = geo.rect(e)
                    if er.x < cx + w - 0.5, cx < er.maxX - 0.5 { for l in e.top..<e.bottom { blocked.insert(l) } }
                }
                var l = r.top + lineInset
                let end = r.bottom - lineInset
                while l < end {
                    if blocked.contains(l) { l += 1; continue }
                    var m = l
                    while m < end, !blocked.contains(m) { m += 1 }
                    out.append(FlowFrame(x: cx, width: w, firstLine: l, lineCount: m - l))
                    l = m
                }
            }
        }
        return out
    }

    /// 破栏 column count checked against the block: each column at least 6 em wide.
    func checkBodyColumns(_ k: Int?, rects: [GridRect], path: String) throws(LayoutError) {
        guard let k else { return }
        guard k >= 1 else { throw LayoutError(file: ctx.file, path: path, "must be at least 1") }
        for r in rects {
            let w = (ctx.geometry.spanWidth(r.span) - Double(k - 1) * ctx.geometry.gutter) / Double(k)
            if w < 6 * ctx.geometry.bodySize {
                throw LayoutError(file: ctx.file, path: path, "\(k) columns across \(r.span) grid columns are only \(String(format: "%.1f", w / ctx.geometry.bodySize)) em wide")
            }
        }
    }

    // MARK: body

    struct BodyResult {
        var flow: FlowOutcome
        var capacity: Int
        var jumped: Bool
    }

    /// Flows the body; with `jumpTo`, reserves the last line for （下转X版） when text is left.
    func setBody(_ blocks: [FlowBlock], from start: FlowPosition, frames: [FlowFrame], owner: String,
                 jumpTo: String?, path: String, on canvas: inout PageCanvas) throws(LayoutError) -> BodyResult {
        let flow = ctx.flow
        let capacity = frames.reduce(0) { $0 + $1.lineCount }
        func attempt(_ fr: [FlowFrame]) throws(LayoutError) -> FlowOutcome {
            do {
                let a = try flow.flow(blocks, from: start, frames: fr, owner: owner, controls: true)
                if a.remainder == nil { return a }
                // Widow and orphan control only where the block has room for it.
                let b = try flow.flow(blocks, from: start, frames: fr, owner: owner, controls: false)
                return b.remainder == nil ? b : a
            } catch {
                throw LayoutError(file: ctx.file, path: path, error.description)
            }
        }
        var result = try attempt(frames)
        var jumped = false
        if result.remainder != nil, let jump = jumpTo, var last = frames.last {
            var reserved = frames
            last.lineCount -= 1
            reserved[reserved.count - 1] = last
            if last.lineCount == 0 { reserved.removeLast() }
            result = try attempt(reserved)
            let st = try ctx.style("jump", path: path)
            let p = try ctx.setLines(jump, style: st, width: last.width, align: .right, solid: true, path: path)
            let line = last.firstLine + last.lineCount
            if let l = p.lines.first {
                let baseline = ctx.geometry.baseline(line, size: st.size)
                canvas.add(ctx.runs.runs(for: l, text: p.text, origin: Point(x: last.x, y: baseline), owner: owner,
                                         color: { _ in st.color }))
                canvas.boxes.append(.init(owner: owner, kind: "jump",
                                          rect: Rect(x: last.x + (l.glyphs.first?.x ?? 0), y: baseline - st.size * ideographicAscent,
                                                     width: l.width - (l.glyphs.first?.x ?? 0), height: st.size)))
                canvas.cover(x: last.x, width: last.width, line: line)
            }
            jumped = true
        }
        canvas.add(result.runs)
        for (b, part) in zip(result.lineBoxes, result.lineBlocks) {
            canvas.boxes.append(.init(owner: owner, kind: "body", rect: b, part: part))
        }
        for (i, lines) in result.usedLines.enumerated() where i < frames.count {
            for l in lines { canvas.cover(x: frames[i].x, width: frames[i].width, line: l) }
        }
        return BodyResult(flow: result, capacity: capacity, jumped: jumped)
    }

    /// Characters, lines and first words of text that did not fit.
    func overset(_ blocks: [FlowBlock], from pos: FlowPosition, width: Double) -> ArticleReport.Overset {
        var chars = 0, lines = 0
        var quote = ""
        for bi in pos.block..<blocks.count {
            let b = blocks[bi]
            let t = b.text.suffix(from: bi == pos.block ? pos.offset : 0)
            let s = t.string
            chars += s.unicodeScalars.filter { !$0.properties.isWhitespace }.count
            if quote.count < Self.oversetQuoteLength { quote += s.prefix(Self.oversetQuoteLength - quote.count) }
            if b.kind == .subheading { lines += b.gridLines; continue }
            let n = (try? ctx.setter.set(t, measures: [width], align: b.align,
                                         indent: bi == pos.block && pos.offset > 0 ? 0 : b.indent).lines.count) ?? 1
            lines += n
        }
        return .init(characters: chars, lines: lines, firstWords: quote)
    }

    func report(id: String, page: Int, body: BodyResult, blocks: [FlowBlock], width: Double,
                continuedIn: String?) -> ArticleReport {
        let f = body.flow
        var over: ArticleReport.Overset?
        if let r = f.remainder, !body.jumped { over = overset(blocks, from: r, width: width) }
        let copyfit: String
        if let o = over { copyfit = "-\(o.lines) lines" } else if f.emptyLinesAtEnd > 0, !body.jumped {
            copyfit = "+\(f.emptyLinesAtEnd) lines"
        } else { copyfit = "fits" }
        return ArticleReport(id: id, page: page, linesSet: f.linesSet, linesAvailable: body.capacity,
                             emptyLinesAtEnd: body.jumped ? 0 : f.emptyLinesAtEnd, overset: over, copyfit: copyfit,
                             continuedIn: body.jumped ? continuedIn : nil)
    }
}
