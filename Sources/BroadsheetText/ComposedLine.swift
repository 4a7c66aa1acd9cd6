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
    /// Adjustment ratio: negative = shrunk (the share of the line's shrinkable punctuation and
    /// spacing used, down to −1), positive = stretched (the extra space per justifiable gap
    /// in units of ¼ em, where a line starts to read as loose), 0 = natural.
    public var ratio: Double
    public var isLast: Bool
    /// Why the line ended where it did (for `explain` dumps).
    public var breakReason: String
    /// How far the line sticks out past the measure after all shrinking (0 unless nothing
    /// legal fitted: an over-long word, or a one-line headline too long for its measure).
    public var overflow: Double
    /// Whether the line's last mark (、，。) hangs outside the measure.
    public var hangs: Bool
    public init(start: Int, end: Int, glyphs: [LineGlyph], measure: Double, width: Double,
                ratio: Double, isLast: Bool, breakReason: String = "", overflow: Double = 0, hangs: Bool = false) {
        self.start = start; self.end = end; self.glyphs = glyphs; self.measure = measure
        self.width = width; self.ratio = ratio; self.isLast = isLast; self.breakReason = breakReason
        self.overflow = overflow; self.hangs = hangs
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
