import BroadsheetDisplay
import CCairo

extension PageDrawer {
    /// Draws `items`, glyph runs of one face, size and colour (several only when every one
    /// carries text), as one Cairo call: glyphs, text and clusters are gathered straight into
    /// Cairo's arrays in one pass.
    ///
    /// `cairo_show_text_glyphs` gets the source text and the cluster map, so Cairo writes
    /// ToUnicode/ActualText from *our* text rather than guessing it from the font's cmap:
    /// Noto CJK maps one glyph to both 日 and the Kangxi radical ⽇, and the reverse lookup
    /// picks the radical, which breaks search and copy.
    mutating func drawGlyphs(_ items: ArraySlice<DisplayItem>) throws {
        guard case .glyphs(let first)? = items.first else { return }
        var glyphCount = 0, byteCount = 0, clusterCount = 0
        for case .glyphs(let r) in items {
            glyphCount += r.glyphs.count; byteCount += r.text.utf8.count; clusterCount += r.clusters.count
        }
        guard glyphCount > 0 else { return }       // nothing to draw: not even the font is needed
        let face = try fonts.cairoFace(first.font)
        // The PDF path draws from a subset face whose glyphs are renumbered.
        let subset = fonts.subset(of: first.font)
        var glyphs: [cairo_glyph_t] = []
        var utf8: [UInt8] = []
        var clusters: [cairo_text_cluster_t] = []
        glyphs.reserveCapacity(glyphCount); utf8.reserveCapacity(byteCount); clusters.reserveCapacity(clusterCount)
        for case .glyphs(let run) in items {
            for g in run.glyphs {
                var id = g.id
                if let subset {
                    id = subset.glyphID(g.id)
                    // A glyph the writer was not told about would come out as a blank box.
                    guard id != 0 || g.id == 0 else {
                        throw RenderError.invalidGlyphRun(owner: run.owner, detail: "'\(run.text)': glyph \(g.id) is not in the font subset")
                    }
                }
                glyphs.append(cairo_glyph_t(index: UInt(id), x: g.x, y: g.y))
            }
            if run.text.isEmpty && run.clusters.isEmpty { continue }     // an ornament: drawn alone
            let bytes = run.text.utf8.count
            try Self.checkClusters(run, utf8Count: bytes)
            utf8.append(contentsOf: run.text.utf8)
            for c in run.clusters {
                clusters.append(cairo_text_cluster_t(num_bytes: Int32(c.utf8Count), num_glyphs: Int32(c.glyphCount)))
            }
        }
        context.setFont(face, size: first.size)
        context.setColor(first.color)
        if utf8.isEmpty && clusters.isEmpty {
            context.showGlyphs(glyphs)
        } else {
            context.showTextGlyphs(utf8: utf8, glyphs: glyphs, clusters: clusters)
        }
        try context.check("drawing glyph run (owner '\(first.owner)', text '\(first.text)')")
    }

    /// Validates the cluster map before Cairo sees it: Cairo answers a bad map with a sticky
    /// CAIRO_STATUS_INVALID_CLUSTERS that would kill the rest of the document, and says
    /// nothing about which run was wrong.
    static func checkClusters(_ run: GlyphRun, utf8Count: Int) throws {
        func fail(_ detail: String) -> RenderError { .invalidGlyphRun(owner: run.owner, detail: "'\(run.text)': \(detail)") }
        guard !run.clusters.isEmpty else { throw fail("text without clusters") }
        var bytes = 0, glyphs = 0
        for cluster in run.clusters {
            guard cluster.utf8Count >= 0, cluster.glyphCount >= 0,
                  cluster.utf8Count + cluster.glyphCount > 0 else {
                throw fail("cluster \(cluster) is empty or negative")
            }
            bytes += cluster.utf8Count
            glyphs += cluster.glyphCount
        }
        guard bytes == utf8Count else { throw fail("clusters cover \(bytes) UTF-8 bytes, text has \(utf8Count)") }
        guard glyphs == run.glyphs.count else {
            throw fail("clusters cover \(glyphs) glyphs, run has \(run.glyphs.count)")
        }
    }
}
