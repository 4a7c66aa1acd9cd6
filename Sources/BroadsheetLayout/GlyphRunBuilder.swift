import BroadsheetDisplay
import BroadsheetText

/// Turns a composed line into display-list glyph runs: one run per stretch of glyphs in the
/// same face, size and colour, each carrying its source text and cluster map so the PDF's
/// text layer returns exactly the characters that were set.
public struct GlyphRunBuilder: Sendable {
    public let store: FontStore
    public init(store: FontStore) { self.store = store }

    /// - Parameters:
    ///   - origin: the line's start edge on the baseline, in page coordinates.
    ///   - color: colour of a style span.
    public func runs(for line: ComposedLine, text: StyledText, origin: Point,
                     owner: String, color: (Int) -> RGBColor = { _ in .black }) -> [GlyphRun] {
        var runs: [GlyphRun] = []
        // Most lines are in one face: look the face up once, not per run.
        var lastFont: (FontID, FontRef)?
        func fontRef(_ id: FontID) -> FontRef {
            if let (cached, ref) = lastFont, cached == id { return ref }
            let f = store.font(id)
            let ref = FontRef(path: f.path, faceIndex: f.faceIndex)
            lastFont = (id, ref)
            return ref
        }
        var i = 0
        let gl = line.glyphs
        // Read through one borrowed copy: a slice of `text.scalars` per cluster retained and
        // released the paragraph's scalar array for every character.
        let scalars = text.scalars
        while i < gl.count {
            let first = gl[i]
            let col = color(first.span)
            var j = i + 1
            while j < gl.count, gl[j].font == first.font, gl[j].size == first.size, color(gl[j].span) == col { j += 1 }
            // Cluster map, in order: consecutive glyphs of one cluster form one entry.
            // Sized up front: growing them glyph by glyph was a third of building the runs.
            var clusters: [TextCluster] = []
            clusters.reserveCapacity(j - i)
            var utf8: [UInt8] = []
            utf8.reserveCapacity(3 * (j - i))
            var k = i
            while k < j {
                let cs = gl[k].clusterStart, ce = gl[k].clusterEnd
                var n = 0
                while k < j, gl[k].clusterStart == cs { n += 1; k += 1 }
                let before = utf8.count
                for k in cs..<ce {
                    if let u = Unicode.Scalar(scalars[k]) { Self.appendUTF8(u, to: &utf8) }
                }
                clusters.append(TextCluster(utf8Count: utf8.count - before, glyphCount: n))
            }
            let font = fontRef(first.font)
            let glyphs = gl[i..<j].map { PositionedGlyph(id: $0.id, x: origin.x + $0.x, y: origin.y + $0.y) }
            runs.append(GlyphRun(font: font, size: first.size, color: col,
                                 glyphs: glyphs, text: String(decoding: utf8, as: UTF8.self), clusters: clusters, owner: owner))
            i = j
        }
        return runs
    }

    /// UTF-8 by hand: a String per scalar cost more than the rest of the run building.
    @inline(__always) static func appendUTF8(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        let v = u.value
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
