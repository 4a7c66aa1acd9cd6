import Foundation
import BroadsheetText
import BroadsheetDisplay

/// A page template (Layouts/templates/NAME.json): trim size, the column grid and the
/// furniture a page of this kind carries. A template may name a `base` template and
/// override only what differs (the front page extends the inside page with a masthead).
public struct Template: Codable, Sendable {
    public struct Trim: Codable, Sendable {
        public var width: LengthValue<MillimetreUnit>
        public var height: LengthValue<MillimetreUnit>
    }
    public struct Grid: Codable, Sendable {
        public var columns: Int
        /// Width of one basic column (基本栏), usually 13em of the body size.
        public var columnWidth: LengthValue<EmUnit>
        public var gutter: LengthValue<EmUnit>
        /// Body size: em for the grid (小五 = 9 pt).
        public var bodySize: LengthValue<PointsUnit>
        /// Baseline grid pitch: body text sits on it in every column.
        public var linePitch: LengthValue<PointsUnit>
        public var lines: Int
        /// Distance from the trim's top edge to the type area.
        public var top: LengthValue<MillimetreUnit>
    }
    public var name: String?
    public var base: String?
    public var trim: Trim
    public var grid: Grid
    /// Where the masthead (报头) sits on this page kind, in grid units; front page only.
    public var masthead: GridRect?
    /// Whether the page carries a running head (报眉) above the type area.
    public var header: Bool?
    /// Whether the page carries the footer line (编辑/版式/电话) below the type area.
    public var footer: Bool?
    public var styles: [String: StyleSpec]?
    /// Named grid rectangles an element can take by name (`"slot": "half"`): ad templates
    /// reserve the sizes ad sales sells.
    public var slots: [String: GridRect]?
}

/// The template resolved to points: everything page composition measures against.
public struct PageGeometry: Sendable {
    public var trimWidth: Double
    public var trimHeight: Double
    public var columns: Int
    public var columnWidth: Double
    public var gutter: Double
    public var bodySize: Double
    public var linePitch: Double
    public var lines: Int
    public var typeArea: Rect

    public init(template t: Template) {
        trimWidth = t.trim.width.length.points()
        trimHeight = t.trim.height.length.points()
        bodySize = t.grid.bodySize.length.points()
        columns = t.grid.columns
        columnWidth = t.grid.columnWidth.length.points(em: bodySize)
        gutter = t.grid.gutter.length.points(em: bodySize)
        linePitch = t.grid.linePitch.length.points(em: bodySize)
        lines = t.grid.lines
        let w = Double(columns) * columnWidth + Double(columns - 1) * gutter
        let h = Double(lines) * linePitch
        typeArea = Rect(x: (trimWidth - w) / 2, y: t.grid.top.length.points(), width: w, height: h)
    }

    /// Left edge of a 1-based column.
    public func columnX(_ c: Int) -> Double { typeArea.x + Double(c - 1) * (columnWidth + gutter) }

    /// Width of `span` columns including the gutters between them.
    public func spanWidth(_ span: Int) -> Double { Double(span) * columnWidth + Double(max(0, span - 1)) * gutter }

    public func lineTop(_ line: Int) -> Double { typeArea.y + Double(line) * linePitch }

    /// Body baselines sit so that the ideographic em box is centred in its grid line; Noto
    /// CJK's em box runs from 0.88 em above the baseline to 0.12 em below.
    public func baseline(_ line: Int, size: Double? = nil) -> Double {
        let s = size ?? bodySize
        return lineTop(line) + (linePitch - s) / 2 + s * ideographicAscent
    }

    public func rect(_ g: GridRect) -> Rect {
        Rect(x: columnX(g.column), y: lineTop(g.top), width: spanWidth(g.span), height: Double(g.height) * linePitch)
    }
}

/// Share of the em above the baseline in Noto CJK's ideographic em box (880/1000 units).
public let ideographicAscent = 0.88

public enum TemplateLoader {
    /// Loads Layouts/templates/NAME.json (or a path), following `base` links, merging the JSON
    /// objects so a derived template overrides only the keys it names.
    public static func load(_ nameOrPath: String, layoutsDir: String, relativeTo issueDir: String) throws(LayoutError) -> (Template, String) {
        let path = resolve(nameOrPath, layoutsDir: layoutsDir, issueDir: issueDir)
        var chain: [(String, [String: Any])] = []
        var current: String? = path
        while let p = current {
            guard chain.count < 8 else { throw LayoutError(file: path, path: "base", "template base chain is too deep (a cycle?)") }
            guard let data = FileManager.default.contents(atPath: p) else {
                throw LayoutError(file: p, path: "", "template not found")
            }
            guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
                throw LayoutError(file: p, path: "", "invalid JSON in template")
            }
            try KeyCheck.checkTemplate(obj, file: p)
            chain.append((p, obj))
            current = (obj["base"] as? String).map {
                resolve($0, layoutsDir: layoutsDir, issueDir: (p as NSString).deletingLastPathComponent)
            }
        }
        var merged: [String: Any] = [:]
        for (_, obj) in chain.reversed() { merged = deepMerge(merged, obj) }
        merged["base"] = nil
        do {
            let data = try JSONSerialization.data(withJSONObject: merged, options: [.sortedKeys])
            let t = try JSONDecoder().decode(Template.self, from: data)
            guard (1...64).contains(t.grid.columns), (1...2000).contains(t.grid.lines) else {
                throw LayoutError(file: path, path: "grid", "columns must be 1–64 and lines 1–2000")
            }
            let g = PageGeometry(template: t)
            for (k, v) in [("trim.width", g.trimWidth), ("trim.height", g.trimHeight), ("grid.columnWidth", g.columnWidth),
                           ("grid.linePitch", g.linePitch), ("grid.bodySize", g.bodySize)] where !(v > 0) {
                throw LayoutError(file: path, path: k, "must be positive")
            }
            if g.gutter < 0 { throw LayoutError(file: path, path: "grid.gutter", "must not be negative") }
            let v = IssueValidator(file: path)
            if let m = t.masthead { try v.checkInGrid(m, geometry: g, path: "masthead") }
            for (name, r) in (t.slots ?? [:]).sorted(by: { $0.key < $1.key }) {
                try v.checkInGrid(r, geometry: g, path: "slots.\(name)")
            }
            if g.typeArea.x < 0 || g.typeArea.y < 0 || g.typeArea.maxY > g.trimHeight {
                throw LayoutError(file: path, path: "grid", String(format: "the type area (%.0f × %.0f mm at %.0f mm from the top) does not fit the %.0f × %.0f mm trim",
                    g.typeArea.width / pointsPerMillimetre, g.typeArea.height / pointsPerMillimetre, g.typeArea.y / pointsPerMillimetre,
                    g.trimWidth / pointsPerMillimetre, g.trimHeight / pointsPerMillimetre))
            }
            return (t, path)
        } catch let e as DecodingError {
            throw LayoutError.from(e, file: path)
        } catch let e as LayoutError {
            throw e
        } catch {
            throw LayoutError(file: path, path: "", "\(error)")
        }
    }

    static func resolve(_ s: String, layoutsDir: String, issueDir: String) -> String {
        if s.hasSuffix(".json") {
            return s.hasPrefix("/") ? s : (issueDir as NSString).appendingPathComponent(s)
        }
        return ((layoutsDir as NSString).appendingPathComponent("templates") as NSString).appendingPathComponent(s + ".json")
    }

    static func deepMerge(_ a: [String: Any], _ b: [String: Any]) -> [String: Any] {
        var out = a
        for (k, v) in b {
            if let va = out[k] as? [String: Any], let vb = v as? [String: Any] {
                out[k] = deepMerge(va, vb)
            } else {
                out[k] = v
            }
        }
        return out
    }
}
