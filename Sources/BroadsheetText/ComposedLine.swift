/// A glyph placed on a line: x from the line's start edge (pen position plus HarfBuzz offset
/// plus any justification), y relative to the baseline (positive = down).
public struct LineGlyph: Sendable, Hashable {
    public var id: UInt32
    public var font: FontID
    public var size: Double
    public var x: Double
    public var y: Double
    /// Scalar range of the cluster this glyph belongs to; keeps the text layer exact.
    public var clusterStart: Int
    public var clusterEnd: Int
    /// Style span of the paragraph this glyph came from (colour, bold run…).
    public var span: Int
    public init(id: UInt32, font: FontID, size: Double, x: Double, y: Double,
                clusterStart: Int, clusterEnd: Int, span: Int) {
        self.id = id; self.font = font; self.size = size; self.x = x; self.y = y
        self.clusterStart = clusterStart; self.clusterEnd = clusterEnd; self.span = span
    }
}

/// One set line of a paragraph.
public struct ComposedLine: Sendable {
    /// Scalar range of the paragraph on this line.
    public var start: Int
    public var end: Int
    public var glyphs: [LineGlyph]
    /// The measure the line was set to.
    public var measure: Double
    /// Where the last glyph's advance ends, from the line start.
    public var width: Double
    /// Adjustment ratio: negative = shrunk, positive = stretched, 0 = natural.
    public var ratio: Double
    public var isLast: Bool
    /// Why the line ended where it did (for `explain` dumps).
    public var breakReason: String
    public init(start: Int, end: Int, glyphs: [LineGlyph], measure: Double, width: Double,
                ratio: Double, isLast: Bool, breakReason: String = "") {
        self.start = start; self.end = end; self.glyphs = glyphs; self.measure = measure
        self.width = width; self.ratio = ratio; self.isLast = isLast; self.breakReason = breakReason
    }
}

public struct ComposedParagraph: Sendable {
    public var text: StyledText
    public var lines: [ComposedLine]
    public var missing: [MissingGlyph]
    public init(text: StyledText, lines: [ComposedLine], missing: [MissingGlyph]) {
        self.text = text; self.lines = lines; self.missing = missing
    }
}

public enum TextAlignment: String, Sendable, Codable, CaseIterable {
    case justify, left, center, right
}
