/// What the shaper needs to know about a run of text. Layout-level properties (colour,
/// leading, alignment) live in the layout model; this is only what changes glyphs.
public struct TextStyle: Hashable, Sendable {
    /// A font role from `Fonts/fonts.json` (body, song-bold, hei, kai, …) or a user role.
    public var role: String
    /// Font size in points.
    public var size: Double
    /// Extra space after every character, in em (headlines are often tracked open).
    public var tracking: Double
    public init(role: String, size: Double, tracking: Double = 0) {
        self.role = role; self.size = size; self.tracking = tracking
    }
}

/// A paragraph's text with style spans. Indices are Unicode scalar offsets: the unit
/// HarfBuzz clusters and the line breaker both count in.
public struct StyledText: Sendable {
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var style: TextStyle
        public init(start: Int, end: Int, style: TextStyle) { self.start = start; self.end = end; self.style = style }
    }
    public var scalars: [UInt32]
    public var spans: [Span]

    public init(_ text: String, style: TextStyle) {
        // Sized first: `map` over the scalar view (whose count it cannot know) grew the
        // array as it went, about 90 instructions a character.
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for u in text.unicodeScalars { scalars.append(u.value) }
        self.scalars = scalars
        spans = [Span(start: 0, end: scalars.count, style: style)]
    }

    public init(scalars: [UInt32], spans: [Span]) {
        self.scalars = scalars; self.spans = spans
    }

    public var string: String { Self.string(scalars[...]) }

    public static func string(_ s: ArraySlice<UInt32>) -> String {
        var out = String.UnicodeScalarView()
        for v in s { if let u = Unicode.Scalar(v) { out.append(u) } }
        return String(out)
    }

    /// Index of the span covering a scalar position.
    public func spanIndex(at i: Int) -> Int {
        var lo = 0, hi = spans.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if spans[mid].start <= i { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

extension StyledText {
    /// The text from scalar `offset` on, spans clipped and shifted: how a paragraph resumes
    /// in the next column or on a continuation page.
    public func suffix(from offset: Int) -> StyledText {
        guard offset > 0 else { return self }
        let o = min(offset, scalars.count)
        let spans = self.spans.compactMap { s -> Span? in
            let a = max(s.start, o), b = s.end
            return b > a ? Span(start: a - o, end: b - o, style: s.style) : nil
        }
        return StyledText(scalars: Array(scalars[o...]), spans: spans.isEmpty ? [Span(start: 0, end: scalars.count - o, style: self.spans[0].style)] : spans)
    }

    /// Builds a paragraph from (text, style) pieces, e.g. a run-in dateline before the body.
    public init(pieces: [(String, TextStyle)]) {
        var scalars: [UInt32] = []
        var spans: [Span] = []
        for (t, st) in pieces {
            let start = scalars.count
            scalars.append(contentsOf: t.unicodeScalars.map(\.value))
            if scalars.count > start { spans.append(Span(start: start, end: scalars.count, style: st)) }
        }
        if spans.isEmpty, let st = pieces.first?.1 { spans = [Span(start: 0, end: 0, style: st)] }
        self.init(scalars: scalars, spans: spans)
    }
}
