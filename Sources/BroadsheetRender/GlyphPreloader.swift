import BroadsheetDisplay
import CCairo

/// Loads the glyph outlines Cairo will ask FreeType for while it writes the PDF, on the PDF
/// writer's preparation thread, in the order pages first show the glyphs, while the first
/// pages are drawn.
///
/// Cairo's PDF surface files each glyph into a font subset the first time a page shows it,
/// and to do that it loads the glyph's outline (it checks that the glyph is an outline, not
/// a bitmap) and its metrics: a CFF charstring interpretation per distinct glyph, about a
/// third of a one-page galley's writing time. The outlines are cached in the scaled font,
/// and Cairo shares one scaled font between every context that asks for the same face,
/// size, transformation and font options. So a throwaway context on a PDF surface (same
/// surface type, same options, identity transformation as the page drawer) asks for the
/// glyphs' paths first, away from the thread that will draw.
///
/// One thread is all it can use: Cairo loads a scaled font's glyphs under that font's lock,
/// so two threads loading the same face take turns (measured: splitting the glyphs between
/// two threads was no faster than one). The caller's thread does other work meanwhile.
///
/// Only timing changes: which thread loads an outline first cannot change the outline, the
/// subset Cairo builds (that follows the order pages show glyphs in) or the bytes written
/// (tested: a writer whose preloading is abandoned at once writes the same bytes).
enum GlyphPreloader {
    /// Glyphs per cairo_glyph_path call.
    static let batchSize = 64

    /// `glyphs` are ids in the faces handed to Cairo (for a subset face, the renumbered ids).
    /// `stop` is asked between batches: a writer dropped before its first page stops early.
    static func load(stoppingWhen stop: () -> Bool = { false }, _ work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]) {
        guard work.contains(where: { !$0.glyphs.isEmpty }) else { return }
        // A failure here only means the page writer loads the glyphs itself.
        guard let surface = try? CairoSurface.pdf(into: ByteSink(), width: 100, height: 100),
              let context = try? CairoContext(surface: surface) else { return }
        for item in work {
            context.setFont(item.face, size: item.size)
            var start = 0
            while start < item.glyphs.count, !stop() {
                let end = min(start + batchSize, item.glyphs.count)
                context.glyphPath(item.glyphs[start..<end].map { cairo_glyph_t(index: UInt($0), x: 0, y: 0) })
                context.newPath()
                start = end
            }
        }
    }
}
