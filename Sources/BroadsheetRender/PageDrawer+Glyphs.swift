import BroadsheetDisplay
import CCairo

extension PageDrawer {
    /// Draws a run with `cairo_show_text_glyphs`, giving Cairo the source text and the
    /// cluster map. Cairo then writes ToUnicode/ActualText from *our* text rather than
    /// guessing it from the font's cmap: Noto CJK maps one glyph to both 日 and the Kangxi
    /// radical ⽇, and the reverse lookup picks the radical, which breaks search and copy.
    mutating func drawGlyphs(_ run: GlyphRun) throws {
        guard !run.glyphs.isEmpty else { return }
        let utf8 = Array(run.text.utf8)
        context.setFont(try fonts.cairoFace(run.font), size: run.size)
        // The PDF path draws from a subset face whose glyphs are renumbered.
        let glyphs: [cairo_glyph_t]
        if let subset = fonts.subset(of: run.font) {
            var mapped: [cairo_glyph_t] = []
            mapped.reserveCapacity(run.glyphs.count)
            for g in run.glyphs {
                let id = subset.glyphID(g.id)
                // A glyph the writer was not told about would come out as a blank box.
                guard id != 0 || g.id == 0 else {
                    throw RenderError.invalidGlyphRun(owner: run.owner, detail: "'\(run.text)': glyph \(g.id) is not in the font subset")
                }
                mapped.append(cairo_glyph_t(index: UInt(id), x: g.x, y: g.y))
            }
            glyphs = mapped
        } else {
            glyphs = run.glyphs.map { cairo_glyph_t(index: UInt($0.id), x: $0.x, y: $0.y) }
        }
        context.setColor(run.color)
        if utf8.isEmpty && run.clusters.isEmpty {
            context.showGlyphs(glyphs)
        } else {
            let clusters = try Self.cairoClusters(run, utf8Count: utf8.count)
            context.showTextGlyphs(utf8: utf8, glyphs: glyphs, clusters: clusters)
        }
        try context.check("drawing glyph run (owner '\(run.owner)', text '\(run.text)')")
    }

    /// Validates the cluster map before Cairo sees it: Cairo answers a bad map with a sticky
    /// CAIRO_STATUS_INVALID_CLUSTERS that would kill the rest of the document, and says
    /// nothing about which run was wrong.
    static func cairoClusters(_ run: GlyphRun, utf8Count: Int) throws -> [cairo_text_cluster_t] {
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
        return run.clusters.map { cairo_text_cluster_t(num_bytes: Int32($0.utf8Count), num_glyphs: Int32($0.glyphCount)) }
    }
}
