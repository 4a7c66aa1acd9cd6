/// A glyph as HarfBuzz placed it, in points at the run's size.
public struct ShapedGlyph: Sendable, Hashable {
    public var id: UInt32
    public var advance: Double
    public var xOffset: Double
    public var yOffset: Double
}

/// The unit of line breaking: one HarfBuzz cluster, i.e. the glyphs that stand for a range
/// of scalars and must stay together (—— is one 2-em glyph for two U+2014).
public struct ShapedCluster: Sendable, Hashable {
    /// Scalar range in the paragraph.
    public var start: Int
    public var end: Int
    /// Glyph range in `ShapedParagraph.glyphs`.
    public var glyphStart: Int
    public var glyphEnd: Int
    /// Sum of the glyphs' advances plus tracking, in points.
    public var advance: Double
    public var font: FontID
    public var size: Double
    /// Index of the style span this cluster belongs to.
    public var span: Int
}

/// A character no face of the role's fallback chain can draw. It is still drawn (as the
/// primary face's .notdef, so the text layer keeps the character) and always reported.
public struct MissingGlyph: Sendable, Hashable, CustomStringConvertible {
    public var scalar: UInt32
    public var index: Int
    public var role: String
    public var description: String {
        let ch = Unicode.Scalar(scalar).map { String(Character($0)) } ?? "?"
        return "no font has \(ch) (U+\(String(scalar, radix: 16, uppercase: true).leftPadded(4))) in role '\(role)' at character \(index)"
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}

/// Struct-of-arrays result of shaping one paragraph: flat glyph and cluster arrays keep
/// composing a 100k-character galley free of per-character allocations.
public struct ShapedParagraph: Sendable {
    public let text: StyledText
    public var glyphs: [ShapedGlyph]
    public var clusters: [ShapedCluster]
    public var missing: [MissingGlyph]

    public var scalars: [UInt32] { text.scalars }
}
