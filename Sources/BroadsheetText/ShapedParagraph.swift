/// A glyph as HarfBuzz placed it, in points at the run's size.
public struct ShapedGlyph: Sendable, Hashable {
    public var id: UInt32
    public var advance: Double
    public var xOffset: Double
    public var yOffset: Double
}

/// The unit of line breaking: one HarfBuzz cluster, i.e. the glyphs that stand for a range
/// of scalars and must stay together (—— is one 2-em glyph for two U+2014).
///
/// Indices are stored in 32 bits (40 bytes a cluster instead of 64): a galley shapes every
/// paragraph before the first page, and the clusters of 100k characters were the largest
/// block of fresh memory it touched. A value beyond Int32 (a paragraph of two billion
/// characters) traps rather than wraps.
public struct ShapedCluster: Sendable, Hashable {
    private var _start: Int32
    private var _end: Int32
    private var _glyphStart: Int32
    private var _glyphEnd: Int32
    private var _font: Int32
    private var _span: Int32
    /// Sum of the glyphs' advances plus tracking, in points.
    public var advance: Double
    public var size: Double

    /// Scalar range in the paragraph.
    public var start: Int { get { Int(_start) } set { _start = Int32(newValue) } }
    public var end: Int { get { Int(_end) } set { _end = Int32(newValue) } }
    /// Glyph range in `ShapedParagraph.glyphs`.
    public var glyphStart: Int { get { Int(_glyphStart) } set { _glyphStart = Int32(newValue) } }
    public var glyphEnd: Int { get { Int(_glyphEnd) } set { _glyphEnd = Int32(newValue) } }
    public var font: FontID { get { FontID(_font) } set { _font = Int32(newValue) } }
    /// Index of the style span this cluster belongs to.
    public var span: Int { get { Int(_span) } set { _span = Int32(newValue) } }

    public init(start: Int, end: Int, glyphStart: Int, glyphEnd: Int, advance: Double, font: FontID, size: Double,
                span: Int) {
        _start = Int32(start); _end = Int32(end); _glyphStart = Int32(glyphStart); _glyphEnd = Int32(glyphEnd)
        _font = Int32(font); _span = Int32(span)
        self.advance = advance; self.size = size
    }
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
