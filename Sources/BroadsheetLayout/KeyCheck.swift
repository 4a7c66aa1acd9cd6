import Foundation

/// `Codable` ignores keys it does not know, so a typo such as `"colum": 3` would silently
/// place an article at its default column. This pass rejects unknown keys with their path.
enum KeyCheck {
    static let common: Set<String> = ["comment", "$schema"]
    static let grid: Set<String> = ["column", "span", "top", "height"]
    static let root: Set<String> = ["paper", "date", "issueNumber", "edition", "styles", "fonts", "pages"]
    static let paper: Set<String> = ["name", "latinName", "publisher", "logo", "serial", "footer"]
    static let page: Set<String> = ["template", "number", "section", "editor", "designer", "phone", "elements"]
    static let style: Set<String> = ["font", "size", "leading", "tracking", "color", "align", "indent", "base"]
    static let userFont: Set<String> = ["file", "index", "fallback"]
    static let headline: Set<String> = ["kicker", "main", "subhead", "span", "placement", "kickerStyle", "mainStyle", "subheadStyle"]
    static let photo: Set<String> = grid.union(["type", "id", "file", "fit", "focus", "title", "caption", "credit", "page"])
    static let box: Set<String> = ["inset", "stroke", "fill"]
    static let body: Set<String> = ["file", "files"]
    static let textParagraph: Set<String> = ["style", "text"]
    static let template: Set<String> = ["name", "base", "trim", "grid", "masthead", "header", "footer", "styles", "slots"]
    static let trim: Set<String> = ["width", "height"]
    static let templateGrid: Set<String> = ["columns", "columnWidth", "gutter", "bodySize", "linePitch", "lines", "top"]
    static let elements: [String: Set<String>] = [
        "article": grid.union(["type", "id", "slot", "shape", "headline", "byline", "dateline", "body", "bodyStyle", "bodyColumns", "photos", "box", "continues"]),
        "continuation": grid.union(["type", "id", "of", "headline", "bodyColumns", "continues"]),
        "photo": photo,
        "ad": grid.union(["type", "id", "file", "frame", "page", "slot"]),
        "rule": ["type", "id", "orientation", "column", "span", "top", "height", "weight", "style"],
        "box": grid.union(["type", "inset", "stroke", "fill"]),
        "text": ["type", "id", "x", "y", "width", "height", "paragraphs"],
    ]

    static func check(_ data: Data, file: String) throws(LayoutError) {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return }
        try keys(root, KeyCheck.root, "")
        if let p = root["paper"] as? [String: Any] { try keys(p, paper, "paper") }
        for (name, s) in (root["styles"] as? [String: Any] ?? [:]) {
            if let s = s as? [String: Any] { try keys(s, style, "styles.\(name)") }
        }
        for (name, f) in (root["fonts"] as? [String: Any] ?? [:]) {
            if let f = f as? [String: Any] { try keys(f, userFont, "fonts.\(name)") }
        }
        for (i, pg) in (root["pages"] as? [Any] ?? []).enumerated() {
            guard let pg = pg as? [String: Any] else { continue }
            try keys(pg, page, "pages[\(i)]")
            for (j, el) in (pg["elements"] as? [Any] ?? []).enumerated() {
                guard let el = el as? [String: Any], let type = el["type"] as? String,
                      let allowed = elements[type] else { continue }
                let path = "pages[\(i)].elements[\(j)]"
                try keys(el, allowed, path)
                if let h = el["headline"] as? [String: Any] { try keys(h, headline, path + ".headline") }
                if let b = el["box"] as? [String: Any] { try keys(b, box, path + ".box") }
                for (k, ph) in (el["photos"] as? [Any] ?? []).enumerated() {
                    if let ph = ph as? [String: Any] { try keys(ph, photo, path + ".photos[\(k)]") }
                }
                for (k, r) in (el["shape"] as? [Any] ?? []).enumerated() {
                    if let r = r as? [String: Any] { try keys(r, grid, path + ".shape[\(k)]") }
                }
                if let b = el["body"] as? [String: Any] {
                    try keys(b, body, path + ".body")
                    if b["file"] != nil, b["files"] != nil {
                        throw LayoutError(file: file, path: path + ".body", "give either file or files, not both")
                    }
                }
                for (k, p) in (el["paragraphs"] as? [Any] ?? []).enumerated() {
                    if let p = p as? [String: Any] { try keys(p, textParagraph, path + ".paragraphs[\(k)]") }
                }
            }
        }
        // Errors for this pass are raised in `keys`; `file` is attached there.
        func keys(_ obj: [String: Any], _ allowed: Set<String>, _ path: String) throws(LayoutError) {
            for k in obj.keys.sorted() where !allowed.contains(k) && !common.contains(k) {
                let close = allowed.sorted().first { similar($0, k) }
                let hint = close.map { " (did you mean '\($0)'?)" } ?? ""
                throw LayoutError(file: file, path: path.isEmpty ? k : "\(path).\(k)", "unknown field\(hint)")
            }
        }
    }

    /// The same for a template file (a typo there would silently drop a masthead).
    static func checkTemplate(_ obj: [String: Any], file: String) throws(LayoutError) {
        func keys(_ o: [String: Any], _ allowed: Set<String>, _ path: String) throws(LayoutError) {
            for k in o.keys.sorted() where !allowed.contains(k) && !common.contains(k) {
                let hint = allowed.sorted().first { similar($0, k) }.map { " (did you mean '\($0)'?)" } ?? ""
                throw LayoutError(file: file, path: path.isEmpty ? k : "\(path).\(k)", "unknown field\(hint)")
            }
        }
        try keys(obj, template, "")
        if let t = obj["trim"] as? [String: Any] { try keys(t, trim, "trim") }
        if let g = obj["grid"] as? [String: Any] { try keys(g, templateGrid, "grid") }
        if let m = obj["masthead"] as? [String: Any] { try keys(m, grid, "masthead") }
        for (n, r) in obj["slots"] as? [String: Any] ?? [:] {
            if let r = r as? [String: Any] { try keys(r, grid, "slots.\(n)") }
        }
        for (n, st) in obj["styles"] as? [String: Any] ?? [:] {
            if let st = st as? [String: Any] { try keys(st, style, "styles.\(n)") }
        }
    }

    /// Cheap typo test: same letters give or take one.
    static func similar(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if abs(x.count - y.count) > 1 { return false }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        if x.isEmpty || y.isEmpty { return false }
        for i in 1...x.count { for j in 1...y.count {
            d[i][j] = min(d[i-1][j] + 1, d[i][j-1] + 1, d[i-1][j-1] + (x[i-1] == y[j-1] ? 0 : 1))
        } }
        return d[x.count][y.count] <= 1
    }
}
