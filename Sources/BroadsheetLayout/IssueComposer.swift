import Foundation
import BroadsheetDisplay
import BroadsheetText

/// The result of composing an issue: what to draw, what to tell the editor, and where each
/// owner's ink is (for tests and for diff reports that name articles).
public struct ComposedIssue: Sendable {
    public var document: DisplayDocument
    public var report: LayoutReport
    public var boxes: [[PageCanvas.OwnedBox]]
    public var geometries: [PageGeometry]
}

/// Issue JSON → validated model → pages of display items. Pages are composed in order; a
/// story's overset waits for its continuation block, which is set once every page's own
/// articles are, so jump lines can name the real page numbers in both directions.
public struct IssueComposer: Sendable {
    public let store: FontStore
    public let layoutsDir: String?

    public init(store: FontStore, layoutsDir: String? = nil) {
        self.store = store
        self.layoutsDir = layoutsDir
    }

    public func compose(issueAt path: String) throws(LayoutError) -> ComposedIssue {
        guard FileManager.default.fileExists(atPath: path) else {
            throw LayoutError(file: path, path: "", "file not found")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayoutError(file: path, path: "", "cannot read file")
        }
        // Unknown keys first: a typo in a required field should say "did you mean", not "missing".
        try KeyCheck.check(data, file: path)
        let issue: Issue
        do {
            issue = try JSONDecoder().decode(Issue.self, from: data)
        } catch let e as DecodingError {
            throw LayoutError.from(e, file: path)
        } catch {
            throw LayoutError(file: path, path: "", "\(error)")
        }
        return try compose(issue, file: path)
    }

    public static func locateLayouts(near dir: String) -> String? {
        let fm = FileManager.default
        // Walk up from an absolute path: a relative "." has no parent to stop at.
        var d = URL(fileURLWithPath: dir.isEmpty ? "." : dir).standardizedFileURL.path
        while true {
            if fm.fileExists(atPath: (d as NSString).appendingPathComponent("templates")),
               (d as NSString).lastPathComponent == "Layouts" { return d }
            let l = (d as NSString).appendingPathComponent("Layouts/templates")
            if fm.fileExists(atPath: l) { return (d as NSString).appendingPathComponent("Layouts") }
            let parent = (d as NSString).deletingLastPathComponent
            if parent == d || parent.isEmpty || d == "/" { break }
            d = parent
        }
        let root = (((#filePath as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent as NSString)
            .deletingLastPathComponent as NSString
        let built = root.appendingPathComponent("Layouts")
        return fm.fileExists(atPath: built + "/templates") ? built : nil
    }

    public func compose(_ issue: Issue, file: String) throws(LayoutError) -> ComposedIssue {
        let baseDir = (file as NSString).deletingLastPathComponent
        guard let layouts = layoutsDir ?? Self.locateLayouts(near: baseDir.isEmpty ? "." : baseDir) else {
            throw LayoutError(file: file, path: "", "cannot find the Layouts/templates folder")
        }
        guard IssueDate(iso: issue.date) != nil else {
            throw LayoutError(file: file, path: "date", "not a date: '\(issue.date)' (use YYYY-MM-DD)")
        }
        guard !issue.pages.isEmpty else { throw LayoutError(file: file, path: "pages", "an issue needs at least one page") }
        for (name, f) in (issue.fonts ?? [:]).sorted(by: { $0.key < $1.key }) {
            let p = f.file.hasPrefix("/") ? f.file : (baseDir as NSString).appendingPathComponent(f.file)
            guard FileManager.default.fileExists(atPath: p) else {
                throw LayoutError(file: file, path: "fonts.\(name).file", "file not found: \(p)")
            }
            store.addRole(name, file: p, index: f.index ?? 0, fallback: f.fallback ?? ["song"])
        }
        let validator = IssueValidator(file: file)
        try validator.validateIds(issue)

        let shaper = Shaper(store: store)
        let setter = ParagraphSetter(shaper: shaper)
        let runBuilder = GlyphRunBuilder(store: store)
        var templates: [(Template, String)] = []
        var contexts: [CompositionContext] = []
        var canvases: [PageCanvas] = []
        var warnings: [LayoutWarning] = []
        var reports: [ArticleReport] = []
        var pageNumbers: [Int] = []
        var continuationPage: [String: Int] = [:]

        var issue = issue
        for (i, page) in issue.pages.enumerated() {
            let t: (Template, String)
            do {
                t = try TemplateLoader.load(page.template, layoutsDir: layouts, relativeTo: baseDir)
            } catch {
                // A missing template is the issue's mistake: point at the page that names it.
                if error.path.isEmpty && error.message == "template not found" {
                    throw LayoutError(file: file, path: "pages[\(i)].template", "template not found: \(error.file)")
                }
                throw error
            }
            issue.pages[i] = try resolveSlots(page, template: t.0, index: i, file: file)
            templates.append(t)
            let geo = PageGeometry(template: t.0)
            let styles = StyleSheet(template: t.0.styles ?? [:], issue: issue.styles ?? [:], templateFile: t.1)
            contexts.append(CompositionContext(geometry: geo, styles: styles, setter: setter, runs: runBuilder,
                                               store: store, file: file, baseDir: baseDir))
            canvases.append(PageCanvas(geometry: geo))
            pageNumbers.append(page.number ?? i + 1)
            try validator.validate(page: issue.pages[i], index: i, geometry: geo, masthead: t.0.masthead)
            for e in issue.pages[i].elements { if case .continuation(let c) = e { continuationPage[c.id] = page.number ?? i + 1 } }
        }

        var remainders: [String: StoryRemainder] = [:]  // keyed by continuation id
        for (i, page) in issue.pages.enumerated() {
            let ctx = contexts[i]
            let t = templates[i].0
            if let m = t.masthead { try Furniture(ctx: ctx).masthead(issue, rect: m, on: &canvases[i], warnings: &warnings) }
            if t.header ?? false { try Furniture(ctx: ctx).header(issue, page: page, number: pageNumbers[i], index: i, on: &canvases[i]) }
            if t.footer ?? true { try Furniture(ctx: ctx).footer(issue, page: page, index: i, on: &canvases[i]) }
            for (j, e) in page.elements.enumerated() {
                let path = "pages[\(i)].elements[\(j)]"
                switch e {
                case .article(let a):
                    let r = try composeArticle(a, ctx: ctx, path: path, page: pageNumbers[i],
                                               jumpPage: a.continues.flatMap { continuationPage[$0] },
                                               canvas: &canvases[i], warnings: &warnings)
                    reports.append(r.0)
                    if let rem = r.1, let c = a.continues { remainders[c] = rem }
                case .photo(let p):
                    try PhotoSetter(ctx: ctx).place(p, rect: GridRect(column: p.column, span: p.span, top: p.top, height: p.height),
                                                    owner: p.id ?? "photo", path: path, on: &canvases[i], warnings: &warnings)
                case .ad(let a):
                    try placeAd(a, ctx: ctx, path: path, canvas: &canvases[i], warnings: &warnings)
                case .rule(let r):
                    try placeRule(r, ctx: ctx, path: path, canvas: &canvases[i])
                case .box(let g, let b):
                    let rect = ctx.geometry.rect(g).insetBy(dx: -ctx.geometry.gutter / 2, dy: 0)
                    canvases[i].items.append(.rect(RectItem(rect: rect, fill: b.fill.flatMap(StyleSheet.parseColor),
                                                            stroke: .black, strokeWidth: b.stroke?.length.points() ?? RuleWeight.story, owner: "box")))
                case .text(let tf):
                    reports.append(try placeTextFrame(tf, ctx: ctx, path: path, page: pageNumbers[i], canvas: &canvases[i]))
                case .continuation:
                    break
                }
            }
        }
        // Continuations, in chain order: a block is set once the block it continues has been.
        var predecessor: [String: String] = [:]
        var done: Set<String> = []
        var pending: [(Int, Int, ContinuationSpec)] = []
        for (i, page) in issue.pages.enumerated() {
            for (j, e) in page.elements.enumerated() {
                switch e {
                case .article(let a):
                    done.insert(a.id)
                    if let c = a.continues { predecessor[c] = a.id }
                case .continuation(let c):
                    pending.append((i, j, c))
                    if let n = c.continues { predecessor[n] = c.id }
                default: break
                }
            }
        }
        while !pending.isEmpty {
            guard let k = pending.firstIndex(where: { predecessor[$0.2.id].map(done.contains) ?? true }) else {
                let (i, j, c) = pending[0]
                throw LayoutError(file: file, path: "pages[\(i)].elements[\(j)].continues", "continuation '\(c.id)' is part of a cycle")
            }
            let (i, j, c) = pending.remove(at: k)
            let r = try composeContinuation(c, remainder: remainders[c.id], ctx: contexts[i], path: "pages[\(i)].elements[\(j)]",
                                            page: pageNumbers[i], jumpPage: c.continues.flatMap { continuationPage[$0] },
                                            canvas: &canvases[i], warnings: &warnings)
            reports.append(r.0)
            if let next = r.1, let n = c.continues { remainders[n] = next }
            done.insert(c.id)
        }

        var pages: [DisplayPage] = []
        var pageReports: [PageReport] = []
        for (i, c) in canvases.enumerated() {
            let g = contexts[i].geometry
            pages.append(DisplayPage(width: g.trimWidth, height: g.trimHeight, items: c.items, label: "\(pageNumbers[i])"))
            pageReports.append(PageReport(page: pageNumbers[i], template: issue.pages[i].template, fill: c.fill))
        }
        for m in setter.missing.all { warnings.append(LayoutWarning(path: "", m)) }
        let title = "\(issue.paper.name) \(issue.date)" + (issue.issueNumber.map { " \($0)" } ?? "")
        return ComposedIssue(document: DisplayDocument(title: title, date: issue.date, pages: pages),
                             report: LayoutReport(articles: reports, pages: pageReports, warnings: warnings, missingGlyphs: setter.missing.all),
                             boxes: canvases.map(\.boxes), geometries: contexts.map(\.geometry))
    }


    /// Gives elements that name a template slot the slot's grid position.
    func resolveSlots(_ page: Page, template: Template, index: Int, file: String) throws(LayoutError) -> Page {
        var page = page
        for (j, e) in page.elements.enumerated() {
            let path = "pages[\(index)].elements[\(j)]"
            if case .article(var a) = e, let name = a.slot {
                guard let g = template.slots?[name] else {
                    throw LayoutError(file: file, path: path + ".slot", "template '\(page.template)' has no slot '\(name)'")
                }
                a.column = a.column ?? g.column; a.span = a.span ?? g.span; a.top = a.top ?? g.top; a.height = a.height ?? g.height
                page.elements[j] = .article(a)
            }
            guard case .ad(var a) = e else { continue }
            if let name = a.slot {
                guard let g = template.slots?[name] else {
                    let known = (template.slots ?? [:]).keys.sorted()
                    throw LayoutError(file: file, path: path + ".slot",
                                      "template '\(page.template)' has no slot '\(name)'" + (known.isEmpty ? "" : " (slots: \(known.joined(separator: ", ")))"))
                }
                a.column = a.column ?? g.column; a.span = a.span ?? g.span; a.top = a.top ?? g.top; a.height = a.height ?? g.height
                page.elements[j] = .ad(a)
            }
            for (k, v) in [("column", a.column), ("span", a.span), ("top", a.top), ("height", a.height)] where v == nil {
                throw LayoutError(file: file, path: "\(path).\(k)", "required field is missing (or name a template `slot`)")
            }
        }
        return page
    }
}
