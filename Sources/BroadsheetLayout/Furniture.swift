import BroadsheetDisplay
import BroadsheetText

/// Page furniture: the masthead (报头) on the front page, the running head (报眉) on inside
/// pages, and the footer line (编辑/版式/电话) on every page.
struct Furniture {
    let ctx: CompositionContext
    /// The masthead's title block takes this share of its width; the date block the rest.
    static let titleShare = 0.58
    /// Running head and footer sit this far outside the type area.
    static let headerOffset = 7.0 * pointsPerMillimetre
    static let footerOffset = 3.0 * pointsPerMillimetre

    func masthead(_ issue: Issue, rect g: GridRect, on canvas: inout PageCanvas, warnings: inout [LayoutWarning]) throws(LayoutError) {
        let geo = ctx.geometry
        let area = geo.rect(g)
        let titleWidth = (area.width * Self.titleShare).rounded()
        let owner = "masthead"
        // Title: set type (or the paper's logo image), then the Latin name and publisher.
        let titleStyle = try ctx.style("masthead-title", path: "styles.masthead-title")
        var y = area.y + geo.linePitch * 0.5
        if let logo = issue.paper.logo {
            let file = ctx.resolvePath(logo)
            let info: ImageInfo
            do { info = try ImageInfoReader.read(file) } catch {
                throw LayoutError(file: ctx.file, path: "paper.logo", error.description)
            }
            let box = Rect(x: area.x, y: y, width: titleWidth, height: area.height * 0.6)
            let (frame, crop) = PhotoSetter.fit(info, into: box)
            canvas.items.append(.image(ImageItem(source: ImageInfoReader.source(for: info, path: file, page: 1),
                                                 frame: Rect(x: area.x, y: frame.y, width: frame.width, height: frame.height),
                                                 crop: crop, owner: owner, origin: "paper.logo")))
            y = box.maxY
        } else {
            let p = try ctx.setLines(issue.paper.name, style: titleStyle, width: titleWidth, align: .center, solid: true, path: "paper.name")
            y += ctx.place(p, style: titleStyle, x: area.x, top: y, owner: owner, kind: "masthead", on: &canvas)
        }
        if let latin = issue.paper.latinName {
            let st = try ctx.style("masthead-latin", path: "styles.masthead-latin")
            let p = try ctx.setLines(latin, style: st, width: titleWidth, align: .center, solid: true, path: "paper.latinName")
            y += ctx.place(p, style: st, x: area.x, top: y, owner: owner, kind: "masthead", on: &canvas)
        }
        if let pub = issue.paper.publisher {
            let st = try ctx.style("masthead-info", path: "styles.masthead-info")
            let p = try ctx.setLines(pub, style: st, width: titleWidth, align: .center, solid: true, path: "paper.publisher")
            ctx.place(p, style: st, x: area.x, top: y + st.leading * 0.3, owner: owner, kind: "masthead", on: &canvas)
        }
        // Date block, right of a hairline.
        let gap = geo.gutter
        let dx = area.x + titleWidth + gap
        let dw = area.maxX - dx
        canvas.items.append(.rule(RuleItem(from: Point(x: dx - gap / 2, y: area.y + geo.linePitch),
                                           to: Point(x: dx - gap / 2, y: area.maxY - geo.linePitch), width: RuleWeight.story, owner: owner)))
        guard let date = IssueDate(iso: issue.date) else {
            throw LayoutError(file: ctx.file, path: "date", "not a date: '\(issue.date)' (use YYYY-MM-DD)")
        }
        var lines: [(String, String)] = [
            (ChineseDateLine.gregorian(date), "masthead-date"),
            (ChineseDateLine.weekday(date), "masthead-date"),
            (ChineseDateLine.lunar(date), "masthead-info"),
        ]
        if let n = issue.issueNumber { lines.append((n, "masthead-info")) }
        if let s = issue.paper.serial { lines.append((s, "masthead-info")) }
        var sets: [(ComposedParagraph, ResolvedStyle)] = []
        var height = 0.0
        for (text, styleName) in lines {
            let st = try ctx.style(styleName, path: "styles.\(styleName)")
            let p = try ctx.setLines(text, style: st, width: dw, align: .left, solid: true, path: "masthead")
            sets.append((p, st))
            height += Double(p.lines.count) * st.leading
        }
        var dy = area.y + (area.height - height) / 2
        for (p, st) in sets { dy += ctx.place(p, style: st, x: dx, top: dy, owner: owner, kind: "masthead", on: &canvas) }
        // Heavy rule under the masthead, as most Chinese dailies draw it.
        let ry = area.maxY - geo.linePitch * 0.4
        canvas.items.append(.rule(RuleItem(from: Point(x: area.x, y: ry), to: Point(x: area.maxX, y: ry), width: RuleWeight.thick, owner: owner)))
        canvas.items.append(.rule(RuleItem(from: Point(x: area.x, y: ry + RuleWeight.thick + RuleWeight.pairGap / 2), to: Point(x: area.maxX, y: ry + RuleWeight.thick + RuleWeight.pairGap / 2), width: RuleWeight.thin, owner: owner)))
        canvas.cover(g)
    }

    func header(_ issue: Issue, page: Page, number: Int, index: Int, on canvas: inout PageCanvas) throws(LayoutError) {
        let ta = ctx.geometry.typeArea
        let st = try ctx.style("header", path: "styles.header")
        let date = IssueDate(iso: issue.date).map { "\(ChineseDateLine.gregorian($0))　\(ChineseDateLine.weekday($0))" } ?? issue.date
        let top = ta.y - Self.headerOffset - st.leading
        let left = [issue.paper.name, page.section].compactMap { $0 }.joined(separator: "　")
        let pl = try ctx.setLines(left, style: st, width: ta.width / 3, align: .left, solid: true, path: "pages[\(index)].section")
        ctx.place(pl, style: st, x: ta.x, top: top, owner: "header", kind: "header", on: &canvas)
        let pc = try ctx.setLines(date, style: st, width: ta.width / 3, align: .center, solid: true, path: "date")
        ctx.place(pc, style: st, x: ta.x + ta.width / 3, top: top, owner: "header", kind: "header", on: &canvas)
        let pr = try ctx.setLines("第\(number)版", style: st, width: ta.width / 3, align: .right, solid: true, path: "pages[\(index)].number")
        ctx.place(pr, style: st, x: ta.x + 2 * ta.width / 3, top: top, owner: "header", kind: "header", on: &canvas)
        let y = ta.y - Self.headerOffset + 2.5
        canvas.items.append(.rule(RuleItem(from: Point(x: ta.x, y: y), to: Point(x: ta.maxX, y: y), width: RuleWeight.headerThick, owner: "header")))
        canvas.items.append(.rule(RuleItem(from: Point(x: ta.x, y: y + RuleWeight.headerThick + RuleWeight.pairGap / 2), to: Point(x: ta.maxX, y: y + RuleWeight.headerThick + RuleWeight.pairGap / 2), width: RuleWeight.thin, owner: "header")))
    }

    func footer(_ issue: Issue, page: Page, index: Int, on canvas: inout PageCanvas) throws(LayoutError) {
        let ta = ctx.geometry.typeArea
        let st = try ctx.style("footer", path: "styles.footer")
        let y = ta.maxY + Self.footerOffset
        canvas.items.append(.rule(RuleItem(from: Point(x: ta.x, y: y), to: Point(x: ta.maxX, y: y), width: RuleWeight.story, owner: "footer")))
        var credits: [String] = []
        if let e = page.editor { credits.append("编辑/\(e)") }
        if let p = page.phone { credits.append("电话/\(p)") }
        if let d = page.designer { credits.append("版式/\(d)") }
        if !credits.isEmpty {
            let p = try ctx.setLines(credits.joined(separator: "　"), style: st, width: ta.width / 2, align: .left, solid: true,
                                     path: "pages[\(index)].editor")
            ctx.place(p, style: st, x: ta.x, top: y + 2, owner: "footer", kind: "footer", on: &canvas)
        }
        if let lines = issue.paper.footer, !lines.isEmpty {
            let p = try ctx.setLines(lines.joined(separator: "　"), style: st, width: ta.width / 2, align: .right, solid: true,
                                     path: "paper.footer")
            ctx.place(p, style: st, x: ta.x + ta.width / 2, top: y + 2, owner: "footer", kind: "footer", on: &canvas)
        }
    }
}
