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
        var i = 0
        let gl = line.glyphs
        while i < gl.count {
            let first = gl[i]
            let col = color(first.span)
            var j = i + 1
            while j < gl.count, gl[j].font == first.font, gl[j].size == first.size, color(gl[j].span) == col { j += 1 }
            // Cluster map, in order: consecutive glyphs of one cluster form one entry.
            var clusters: [TextCluster] = []
            var runText = String.UnicodeScalarView()
            var k = i
            while k < j {
                let cs = gl[k].clusterStart, ce = gl[k].clusterEnd
                var n = 0
                while k < j, gl[k].clusterStart == cs { n += 1; k += 1 }
                var bytes = 0
                for v in text.scalars[cs..<ce] {
                    if let u = Unicode.Scalar(v) { runText.append(u); bytes += String(u).utf8.count }
                }
                clusters.append(TextCluster(utf8Count: bytes, glyphCount: n))
            }
            let f = store.font(first.font)
            let glyphs = gl[i..<j].map { PositionedGlyph(id: $0.id, x: origin.x + $0.x, y: origin.y + $0.y) }
            runs.append(GlyphRun(font: FontRef(path: f.path, faceIndex: f.faceIndex), size: first.size, color: col,
                                 glyphs: glyphs, text: String(runText), clusters: clusters, owner: owner))
            i = j
        }
        return runs
    }
}
