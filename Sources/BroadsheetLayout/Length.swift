import Foundation

/// Points per millimetre (1 pt = 1/72 in = 25.4/72 mm).
public let pointsPerMillimetre = 72.0 / 25.4

/// A length as written in the issue JSON: always with an explicit unit, resolved to points
/// once the context (font size for em, grid for columns and lines) is known.
public enum Length: Hashable, Sendable, CustomStringConvertible {
    case pt(Double)
    case mm(Double)
    case em(Double)
    case lines(Double)
    case columns(Double)

    /// The 号 sizes in modern (GB / Word) use; conventions doc §1.1.
    public static let haoSizes: [String: Double] = [
        "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
        "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5, "七号": 5.5, "八号": 5,
    ]

    /// No length on a newspaper page comes near 100,000 of any unit; larger numbers are typos
    /// (or 1e300) that would only send the renderer into endless work.
    static let largest = 100_000.0

    /// Parses "9pt", "3.175mm", "2em", "12lines", "3col", "小五". A bare number is taken in
    /// `defaultUnit`, so the schema can say which unit a field expects.
    public static func parse(_ s: String, defaultUnit: String? = nil) -> Length? {
        let t = trimmed(Substring(s))
        if let hao = haoSizes[t] { return .pt(hao) }
        let units: [(String, (Double) -> Length)] = [
            ("lines", Length.lines), ("line", Length.lines), ("cols", Length.columns), ("col", Length.columns),
            ("columns", Length.columns), ("mm", Length.mm), ("cm", { Length.mm($0 * 10) }), ("pt", Length.pt),
            ("em", Length.em), ("in", { Length.pt($0 * 72) }),
        ]
        for (suffix, make) in units.sorted(by: { $0.0.count > $1.0.count }) where t.hasSuffix(suffix) {
            let num = trimmed(t.dropLast(suffix.count))
            if let v = Double(num), v.isFinite, abs(v) <= Self.largest { return make(v) }
            return nil
        }
        if let v = Double(t), v.isFinite, abs(v) <= Self.largest, let u = defaultUnit { return parse("\(v)\(u)") }
        return nil
    }

    /// `trimmingCharacters(in: .whitespaces)` without the trip through NSString, which cost
    /// ~0.1 ms a call: a galley parses six lengths before anything else can start. The same
    /// set as Foundation's: spaces of category Zs, the tab, and (as CoreFoundation has it)
    /// U+200B ZERO WIDTH SPACE.
    static func trimmed(_ s: Substring) -> String {
        String(s).trimmingScalars { $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator }
    }

    /// Points, given the em size and grid context.
    public func points(em: Double = 9, linePitch: Double = 0, column: Double = 0, gutter: Double = 0) -> Double {
        switch self {
        case .pt(let v): return v
        case .mm(let v): return v * pointsPerMillimetre
        case .em(let v): return v * em
        case .lines(let v): return v * linePitch
        case .columns(let v):
            let whole = v.rounded(.down)
            return whole * column + max(0, whole - 1) * gutter + (v - whole) * column
        }
    }

    public var description: String {
        switch self {
        case .pt(let v): return "\(v)pt"
        case .mm(let v): return "\(v)mm"
        case .em(let v): return "\(v)em"
        case .lines(let v): return "\(v)lines"
        case .columns(let v): return "\(v)col"
        }
    }
}

/// Decodes a `Length` from a JSON string ("9pt", "小五") or number (in the default unit the
/// property wrapper's type names).
public protocol DefaultLengthUnit { static var unit: String { get } }
public enum PointsUnit: DefaultLengthUnit { public static let unit = "pt" }
public enum MillimetreUnit: DefaultLengthUnit { public static let unit = "mm" }
public enum EmUnit: DefaultLengthUnit { public static let unit = "em" }

public struct LengthValue<U: DefaultLengthUnit>: Codable, Hashable, Sendable {
    public var length: Length
    public init(_ length: Length) { self.length = length }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            guard d.isFinite, let l = Length.parse("\(d)\(U.unit)") else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a length: \(d)")
            }
            length = l
            return
        }
        let s = try c.decode(String.self)
        guard let l = Length.parse(s, defaultUnit: U.unit) else {
            throw DecodingError.dataCorruptedError(
                in: c, debugDescription: "not a length: '\(s)' (write a number with a unit: 9pt, 3mm, 2em, 12lines, 3col, or a 号 size such as 小五)")
        }
        length = l
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(length.description)
    }
}
