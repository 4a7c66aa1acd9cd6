import Foundation

/// Checks what the JSON types cannot: every block inside the grid, no two blocks on the same
/// cells, ids unique, continuations and their articles paired. Errors name the JSON path.
struct IssueValidator {
    let file: String
    /// No rule or frame on a newspaper page is heavier than this (a 10-pt bar is already a band).
    static let heaviestRule = 10.0

    func gridRect(of e: Element) -> [GridRect] {
        switch e {
        case .article(let a):
            if let s = a.shape { return s }
            return [GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)]
        case .continuation(let c): return [GridRect(column: c.column, span: c.span, top: c.top, height: c.height)]
        case .photo(let p): return [GridRect(column: p.column, span: p.span, top: p.top, height: p.height)]
        case .ad(let a): return [GridRect(column: a.column ?? 1, span: a.span ?? 1, top: a.top ?? 0, height: a.height ?? 1)]
        case .rule, .box, .text: return []
        }
    }

    func checkInGrid(_ g: GridRect, geometry: PageGeometry, path: String) throws(LayoutError) {
        if g.column < 1 || g.column > geometry.columns {
            throw LayoutError(file: file, path: path + ".column", "column \(g.column) is outside the \(geometry.columns)-column grid")
        }
        if g.span < 1 { throw LayoutError(file: file, path: path + ".span", "must be at least 1") }
        // Compare without adding first: column + span must not overflow on absurd input.
        if g.span > geometry.columns - g.column + 1 {
            let last = g.span > geometry.columns ? "…" : "\(g.column + g.span - 1)"
            throw LayoutError(file: file, path: path + ".span", "columns \(g.column)–\(last) run past the \(geometry.columns)-column grid")
        }
        if g.top < 0 { throw LayoutError(file: file, path: path + ".top", "must not be negative") }
        if g.top >= geometry.lines {
            throw LayoutError(file: file, path: path + ".top", "line \(g.top) is below the \(geometry.lines)-line grid")
        }
        if g.height < 1 { throw LayoutError(file: file, path: path + ".height", "must be at least 1 line") }
        if g.height > geometry.lines - g.top {
            let last = g.height > geometry.lines ? "…" : "\(g.top + g.height - 1)"
            throw LayoutError(file: file, path: path + ".height", "lines \(g.top)–\(last) run past the \(geometry.lines)-line grid")
        }
    }

    func validate(page: Page, index: Int, geometry: PageGeometry, masthead: GridRect?) throws(LayoutError) {
        var placed: [(GridRect, String, String)] = []
        if let m = masthead { placed.append((m, "the masthead", "")) }
        for (j, e) in page.elements.enumerated() {
            let path = "pages[\(index)].elements[\(j)]"
            var rects = gridRect(of: e)
            if case .article(let a) = e, a.shape == nil {
                for (k, v) in [("column", a.column), ("span", a.span), ("top", a.top), ("height", a.height)] where v == nil {
                    throw LayoutError(file: file, path: "\(path).\(k)", "required field is missing (or give `shape`)")
                }
            }
            if case .article(let a) = e, let s = a.shape, s.isEmpty {
                throw LayoutError(file: file, path: path + ".shape", "needs at least one rectangle")
            }
            for (k, r) in rects.enumerated() {
                let p: String
                if case .article(let a) = e, a.shape != nil { p = "\(path).shape[\(k)]" } else { p = path }
                try checkInGrid(r, geometry: geometry, path: p)
            }
            if case .article(let a) = e {
                let shapes = rects
                for (k, ph) in (a.photos ?? []).enumerated() {
                    let pp = "\(path).photos[\(k)]"
                    if ph.column < 1 || ph.span < 1 || ph.top < 0 || ph.height < 1 {
                        throw LayoutError(file: file, path: pp, "column, span, height must be at least 1 and top at least 0")
                    }
                    // Bounded by the grid before any position is added up.
                    if ph.column > geometry.columns || ph.span > geometry.columns || ph.top >= geometry.lines || ph.height > geometry.lines {
                        throw LayoutError(file: file, path: pp, "the photo lies outside its article")
                    }
                    let abs = GridRect(column: shapes[0].column + ph.column - 1, span: ph.span,
                                       top: shapes[0].top + ph.top, height: ph.height)
                    if !shapes.contains(where: { $0.column <= abs.column && abs.lastColumn <= $0.lastColumn && $0.top <= abs.top && abs.bottom <= $0.bottom }) {
                        throw LayoutError(file: file, path: pp, "the photo (columns \(abs.column)–\(abs.lastColumn), lines \(abs.top)–\(abs.bottom - 1) of the page) lies outside its article")
                    }
                }
                if let s = a.shape {
                    for x in 0..<s.count { for y in (x + 1)..<s.count where s[x].overlaps(s[y]) {
                        throw LayoutError(file: file, path: "\(path).shape[\(y)]", "overlaps shape[\(x)] of the same article")
                    } }
                }
            }
            if case .rule(let r) = e {
                if r.orientation == "vertical" {
                    // In the gutter after `column`: the last column has none.
                    try checkInGrid(GridRect(column: r.column, span: 1, top: r.top, height: r.height ?? 1), geometry: geometry, path: path)
                    if r.column >= geometry.columns {
                        throw LayoutError(file: file, path: path + ".column", "a vertical rule stands in the gutter after its column; column \(r.column) has none")
                    }
                } else {
                    if r.top > geometry.lines || r.top < 0 {
                        throw LayoutError(file: file, path: path + ".top", "line \(r.top) is outside the \(geometry.lines)-line grid")
                    }
                    try checkInGrid(GridRect(column: r.column, span: r.span ?? 1, top: min(r.top, geometry.lines - 1), height: 1), geometry: geometry, path: path)
                }
            }
            if case .box(let g, let b) = e {
                try checkInGrid(g, geometry: geometry, path: path); rects = []
                if let f = b.fill, StyleSheet.parseColor(f) == nil {
                    throw LayoutError(file: file, path: path + ".fill", "not a colour: '\(f)' (use #RRGGBB)")
                }
            }
            if case .rule(let r) = e, let w = r.weight?.length.points(), !(w > 0 && w <= Self.heaviestRule) {
                throw LayoutError(file: file, path: path + ".weight", "must be above 0 and at most \(Int(Self.heaviestRule)) pt")
            }
            if case .box(_, let b) = e, let w = b.stroke?.length.points(), !(w >= 0 && w <= Self.heaviestRule) {
                throw LayoutError(file: file, path: path + ".stroke", "must be from 0 to \(Int(Self.heaviestRule)) pt")
            }
            if case .article(let a) = e, let w = a.box?.stroke?.length.points(), !(w >= 0 && w <= Self.heaviestRule) {
                throw LayoutError(file: file, path: path + ".box.stroke", "must be from 0 to \(Int(Self.heaviestRule)) pt")
            }
            if case .rule(let r) = e {
                if let o = r.orientation, !["horizontal", "vertical"].contains(o) {
                    throw LayoutError(file: file, path: path + ".orientation", "must be 'horizontal' or 'vertical'")
                }
                if let st = r.style, !["single", "double", "thick-thin"].contains(st) {
                    throw LayoutError(file: file, path: path + ".style", "must be 'single', 'double' or 'thick-thin'")
                }
            }
            var photos: [(PhotoSpec, String)] = []
            if case .photo(let p) = e { photos.append((p, path)) }
            if case .article(let a) = e {
                photos += (a.photos ?? []).enumerated().map { ($0.element, "\(path).photos[\($0.offset)]") }
                if let b = a.box?.fill, StyleSheet.parseColor(b) == nil {
                    throw LayoutError(file: file, path: path + ".box.fill", "not a colour: '\(b)' (use #RRGGBB)")
                }
                if let p = a.headline?.placement, !["top", "side"].contains(p) {
                    throw LayoutError(file: file, path: path + ".headline.placement", "must be 'top' or 'side'")
                }
            }
            for (p, pp) in photos {
                if let f = p.fit, !["fill", "fit"].contains(f) {
                    throw LayoutError(file: file, path: pp + ".fit", "must be 'fill' or 'fit'")
                }
                if let f = p.focus, f.count != 2 || !f.allSatisfy({ $0 >= 0 && $0 <= 1 }) {
                    throw LayoutError(file: file, path: pp + ".focus", "focus must be two numbers from 0 to 1")
                }
            }
            let label = e.id.map { "'\($0)'" } ?? "element"
            for r in rects {
                for (other, otherLabel, otherPath) in placed where r.overlaps(other) {
                    let cols = "\(max(r.column, other.column))–\(min(r.lastColumn, other.lastColumn))"
                    let lines = "\(max(r.top, other.top))–\(min(r.bottom, other.bottom) - 1)"
                    let at = otherPath.isEmpty ? otherLabel : "\(otherLabel) (\(otherPath))"
                    throw LayoutError(file: file, path: path, "\(label) overlaps \(at) at columns \(cols), lines \(lines)")
                }
            }
            for r in rects { placed.append((r, label, path)) }
        }
    }

    func validateIds(_ issue: Issue) throws(LayoutError) {
        var seen: [String: String] = [:]
        var articles: Set<String> = []
        var continuations: [String: (String, String)] = [:] // id -> (of, path)
        for (i, p) in issue.pages.enumerated() {
            for (j, e) in p.elements.enumerated() {
                let path = "pages[\(i)].elements[\(j)]"
                guard let id = e.id else { continue }
                if id.isEmpty { throw LayoutError(file: file, path: path + ".id", "must not be empty") }
                if let prev = seen[id] { throw LayoutError(file: file, path: path + ".id", "id '\(id)' is already used at \(prev)") }
                seen[id] = path
                if case .article = e { articles.insert(id) }
                if case .continuation(let c) = e { continuations[id] = (c.of, path) }
            }
        }
        // Each continuation takes the overset of exactly one block, which must be its story
        // (the article named by `of`, or an earlier continuation of it).
        var into: [String: String] = [:]  // continuation id -> path of the block continuing into it
        var storyOf: [String: String] = [:]  // block id -> article id
        for p in issue.pages { for e in p.elements {
            if case .article(let a) = e { storyOf[a.id] = a.id }
            if case .continuation(let c) = e { storyOf[c.id] = c.of }
        } }
        for (i, p) in issue.pages.enumerated() {
            for (j, e) in p.elements.enumerated() {
                let path = "pages[\(i)].elements[\(j)]"
                var from: String?, target: String?
                if case .article(let a) = e { from = a.id; target = a.continues }
                if case .continuation(let c) = e { from = c.id; target = c.continues }
                guard let t = target, let f = from else { continue }
                if let other = into[t] {
                    throw LayoutError(file: file, path: path + ".continues", "'\(t)' already takes the overset of \(other); a continuation continues one story")
                }
                into[t] = path
                if let (of, _) = continuations[t], storyOf[f] != of {
                    throw LayoutError(file: file, path: path + ".continues", "'\(t)' continues '\(of)', not '\(storyOf[f] ?? f)'")
                }
            }
        }
        for (i, p) in issue.pages.enumerated() {
            for (j, e) in p.elements.enumerated() {
                let path = "pages[\(i)].elements[\(j)]"
                var target: String?
                if case .article(let a) = e { target = a.continues }
                if case .continuation(let c) = e {
                    target = c.continues
                    if !articles.contains(c.of) {
                        throw LayoutError(file: file, path: path + ".of", "no article with id '\(c.of)'")
                    }
                }
                if let t = target, continuations[t] == nil {
                    throw LayoutError(file: file, path: path + ".continues", "no continuation block with id '\(t)'")
                }
            }
        }
    }
}
