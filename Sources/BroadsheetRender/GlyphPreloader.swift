import BroadsheetDisplay
import CCairo
import Dispatch

/// Loads, on a second core, the glyph outlines Cairo will ask FreeType for while it writes
/// the PDF.
///
/// Cairo's PDF surface files each glyph into a font subset the first time a page shows it,
/// and to do that it loads the glyph's outline (it checks that the glyph is an outline, not
/// a bitmap) and its metrics: two CFF charstring interpretations per distinct glyph, about a
/// quarter of the time a one-page galley takes to write, all on the thread drawing pages.
/// The outlines are cached in the scaled font, and Cairo shares one scaled font between
/// every context that asks for the same face, size, transformation and font options. So a
/// second context on a throwaway PDF surface (same surface type, same options, identity
/// transformation as our page drawer uses) asks for the same glyphs' paths first, while the
/// main thread is still drawing; by the time a page is written the outlines are there.
///
/// Only timing changes: which thread loads an outline first cannot change the outline, the
/// subset Cairo builds (that follows the order pages show glyphs in) or the bytes written.
final class GlyphPreloader: @unchecked Sendable {
    /// Cairo holds a scaled font's lock while it loads a batch; small batches let the page
    /// drawer in between.
    static let batchSize = 32

    private let group = DispatchGroup()
    /// Faces are retained until the work is done; Cairo font faces are reference-counted
    /// and may be used from two threads (Cairo locks the FreeType face around each load).
    private let work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]

    /// Starts loading at once. `glyphs` are ids in the faces handed to Cairo (for a subset
    /// face, the renumbered ids).
    init(_ work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]) {
        self.work = work
        guard !work.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in load() }
    }

    /// Blocks until the background thread is done; call before the faces can be freed.
    func wait() { group.wait() }

    private func load() {
        // A failure here only means the main thread loads the glyphs itself.
        guard let surface = try? CairoSurface.pdf(into: ByteSink(), width: 100, height: 100),
              let context = try? CairoContext(surface: surface) else { return }
        for item in work {
            context.setFont(item.face, size: item.size)
            var start = 0
            while start < item.glyphs.count {
                let end = min(start + Self.batchSize, item.glyphs.count)
                let batch = item.glyphs[start..<end].map { cairo_glyph_t(index: UInt($0), x: 0, y: 0) }
                context.glyphPath(batch)
                context.newPath()
                start = end
            }
        }
    }
}
