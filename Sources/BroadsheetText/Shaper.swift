import CHarfBuzz

/// Shapes styled paragraphs with HarfBuzz: itemize by style span, fallback face and script,
/// shape each run with the whole paragraph as context, and group glyphs into clusters that
/// map back to the source characters.
public struct Shaper: Sendable {
    public let store: FontStore
    /// BCP 47 tag handed to HarfBuzz: zh-Hans selects the ZHS `locl` forms (mainland
    /// punctuation positions) in Noto CJK.
    public var language: String

    public init(store: FontStore, language: String = "zh-Hans") {
        self.store = store
        self.language = language
    }

    public func shape(_ text: String, style: TextStyle) throws(FontError) -> ShapedParagraph {
        try shape(StyledText(text, style: style))
    }

    public func shape(_ text: StyledText) throws(FontError) -> ShapedParagraph {
        let scalars = text.scalars
        var glyphs: [ShapedGlyph] = []
        var clusters: [ShapedCluster] = []
        var missing: [MissingGlyph] = []
        glyphs.reserveCapacity(scalars.count)
        clusters.reserveCapacity(scalars.count)
        if scalars.isEmpty {
            return ShapedParagraph(text: text, glyphs: [], clusters: [], missing: [])
        }
        let scripts = ScriptItemizer.scripts(of: scalars)
        let buffer = HarfBuzzBuffer()
        var raw: [HarfBuzzBuffer.Glyph] = []

        for (spanIndex, span) in text.spans.enumerated() where span.end > span.start {
            let chain = try store.chain(for: span.style.role)
            let fonts = chain.map { store.font($0) }
            // Pick a face per scalar: the first in the chain that has it.
            var faceOf = [Int](repeating: 0, count: span.end - span.start)
            for i in span.start..<span.end {
                let v = scalars[i]
                if i > span.start, Self.followsPrevious(v) {
                    faceOf[i - span.start] = faceOf[i - span.start - 1]
                    continue
                }
                if let k = fonts.firstIndex(where: { $0.glyph(for: v) != nil }) {
                    faceOf[i - span.start] = k
                } else {
                    faceOf[i - span.start] = 0
                    if !Self.isIgnorable(v) {
                        missing.append(MissingGlyph(scalar: v, index: i, role: span.style.role))
                    }
                }
            }
            var runStart = span.start
            while runStart < span.end {
                var runEnd = runStart + 1
                let face = faceOf[runStart - span.start]
                let script = scripts[runStart]
                while runEnd < span.end, faceOf[runEnd - span.start] == face, scripts[runEnd] == script { runEnd += 1 }
                let font = fonts[face]
                let fontID = chain[face]
                let scale = span.style.size / Double(font.unitsPerEm)
                let tracking = span.style.tracking * span.style.size
                buffer.shape(scalars, range: runStart..<runEnd, font: font, script: script, language: language,
                             into: &raw)
                var g = 0
                let n = raw.count
                while g < n {
                    let cl = Int(raw[g].cluster)
                    let first = glyphs.count
                    var adv = 0.0
                    var h = g
                    while h < n, Int(raw[h].cluster) == cl {
                        let p = raw[h]
                        let a = Double(p.xAdvance) * scale
                        glyphs.append(ShapedGlyph(id: p.glyph, advance: a,
                                                  xOffset: Double(p.xOffset) * scale,
                                                  yOffset: -Double(p.yOffset) * scale))
                        adv += a
                        h += 1
                    }
                    let end = h < n ? Int(raw[h].cluster) : runEnd
                    clusters.append(ShapedCluster(start: cl, end: end, glyphStart: first, glyphEnd: glyphs.count,
                                                  advance: adv + tracking, font: fontID, size: span.style.size,
                                                  span: spanIndex))
                    g = h
                }
                runStart = runEnd
            }
        }
        return ShapedParagraph(text: text, glyphs: glyphs, clusters: clusters, missing: missing)
    }

    /// Combining marks and variation selectors stay in the face of their base character.
    static func followsPrevious(_ v: UInt32) -> Bool {
        (0x0300...0x036F).contains(v) || (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v)
            || v == 0x200D || (0x1F3FB...0x1F3FF).contains(v)
    }

    /// Controls and format characters that no face needs to draw.
    static func isIgnorable(_ v: UInt32) -> Bool {
        v < 0x20 || v == 0x200B || v == 0x200C || v == 0x200D || v == 0x2060 || v == 0xFEFF || v == 0xAD
    }
}
