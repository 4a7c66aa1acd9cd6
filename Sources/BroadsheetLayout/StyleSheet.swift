import Foundation
import BroadsheetText
import BroadsheetDisplay

/// A style with every property decided, in points.
public struct ResolvedStyle: Sendable, Hashable {
    public var name: String
    public var font: String
    public var size: Double
    public var leading: Double
    public var tracking: Double
    public var color: RGBColor
    public var align: TextAlignment
    /// First-line indent in em.
    public var indent: Double

    public var textStyle: TextStyle { TextStyle(role: font, size: size, tracking: tracking) }
}

/// Named styles, defined once (template, then issue) and referenced by name everywhere else.
public struct StyleSheet: Sendable {
    public private(set) var specs: [String: StyleSpec]
    /// Leading used when a style gives none: 1.2 × size is the common default for headlines.
    static let defaultLeadingFactor = 1.2
    /// 400 pt (about 14 cm) is beyond the biggest 通栏 headline type a broadsheet sets.
    static let largestSize = 400.0

    /// Where each style was written, so an error names the right file: the template, or
    /// the issue when it defines or overrides the style.
    private var issueNames: Set<String> = []
    private var templateFile = ""

    public init(template: [String: StyleSpec], issue: [String: StyleSpec], templateFile: String = "") {
        self.templateFile = templateFile
        self.issueNames = Set(issue.keys)
        var merged = template
        for (k, v) in issue {
            if var t = merged[k] {
                // An issue style overrides only the properties it names.
                if let x = v.font { t.font = x }
                if let x = v.size { t.size = x }
                if let x = v.leading { t.leading = x }
                if let x = v.tracking { t.tracking = x }
                if let x = v.color { t.color = x }
                if let x = v.align { t.align = x }
                if let x = v.indent { t.indent = x }
                if let x = v.base { t.base = x }
                merged[k] = t
            } else {
                merged[k] = v
            }
        }
        specs = merged
        self.issueNames = Set(issue.keys)
        self.templateFile = templateFile
    }

    public var names: [String] { specs.keys.sorted() }

    public func resolve(_ name: String, path: String, file issueFile: String) throws(LayoutError) -> ResolvedStyle {
        let file = issueNames.contains(name) || templateFile.isEmpty ? issueFile : templateFile
        var chain: [StyleSpec] = []
        var seen: Set<String> = []
        var current: String? = name
        while let n = current {
            guard let s = specs[n] else {
                throw LayoutError(file: n == name ? issueFile : file, path: n == name ? path : "styles.\(name).base", "unknown style '\(n)' (known: \(names.joined(separator: ", ")))")
            }
            guard seen.insert(n).inserted else {
                throw LayoutError(file: file, path: "styles.\(n).base", "style base chain loops back to '\(n)'")
            }
            chain.append(s)
            current = s.base
        }
        func pick<T>(_ k: (StyleSpec) -> T?) -> T? { chain.lazy.compactMap(k).first }
        let size = pick { $0.size }?.length.points() ?? 9
        guard size > 0 else { throw LayoutError(file: file, path: "styles.\(name).size", "must be positive") }
        guard size <= Self.largestSize else {
            throw LayoutError(file: file, path: "styles.\(name).size", "\(size) pt is larger than any type (at most \(Int(Self.largestSize)) pt)")
        }
        let leading = pick { $0.leading }?.length.points(em: size) ?? size * Self.defaultLeadingFactor
        guard leading > 0, leading <= 4 * Self.largestSize else {
            throw LayoutError(file: file, path: "styles.\(name).leading", "must be positive and at most \(Int(4 * Self.largestSize)) pt")
        }
        if let i = pick({ $0.indent }), !(-4...10).contains(i) {
            throw LayoutError(file: file, path: "styles.\(name).indent", "must be between -4 and 10 em")
        }
        if let t = pick({ $0.tracking }), !(-1...10).contains(t) {
            throw LayoutError(file: file, path: "styles.\(name).tracking", "must be between -1 and 10 em")
        }
        var color = RGBColor.black
        if let hex = pick({ $0.color }) {
            guard let c = Self.parseColor(hex) else {
                throw LayoutError(file: file, path: "styles.\(name).color", "not a colour: '\(hex)' (use #RRGGBB)")
            }
            color = c
        }
        return ResolvedStyle(name: name, font: pick { $0.font } ?? "body", size: size, leading: leading,
                             tracking: pick { $0.tracking } ?? 0, color: color, align: pick { $0.align } ?? .justify,
                             indent: pick { $0.indent } ?? 0)
    }

    public static func parseColor(_ s: String) -> RGBColor? {
        var h = s.trimmingCharacters(in: .whitespaces)
        if h.hasPrefix("#") { h.removeFirst() }
        guard h.count == 6, let v = UInt32(h, radix: 16) else { return nil }
        return RGBColor(r: Double((v >> 16) & 0xFF) / 255, g: Double((v >> 8) & 0xFF) / 255, b: Double(v & 0xFF) / 255)
    }
}
