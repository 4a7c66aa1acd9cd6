import BroadsheetDisplay
import CCairo

/// Loads the glyphs Cairo will ask FreeType for while it writes the PDF, on the PDF
/// writer's preparation thread, in the order pages first show them, while the caller still
/// sets text.
///
/// Cairo 1.16 loads every distinct glyph twice for a PDF, each a CFF charstring
/// interpretation, together about a third of a one-page galley's time:
/// - at the drawn size, for its metrics (the ink extents of each show call) and its outline
///   (to check that it is an outline, not a bitmap, before filing it into a font subset);
/// - at the em size, for the metrics of the font subset, in a second scaled font Cairo
///   makes per face (identity matrices, default options, no hinting).
/// Glyphs are cached in the scaled font, and Cairo shares one scaled font between every
/// user of the same face, size, transformation and options. So a throwaway context on a PDF
/// surface (same surface type, same options, identity transformation as the page drawer)
/// asks for the glyphs' paths at each drawn size, and then the em-size font is made as
/// Cairo makes it and asked for the same glyphs' metrics.
///
/// One thread is all it can use: Cairo loads glyphs under a per-face lock, so two threads
/// loading the same face take turns (measured: splitting the glyphs between two threads
/// was no faster than one). The caller's thread does other work meanwhile.
///
/// Only timing changes: which thread loads an outline first cannot change the outline, the
/// subset Cairo builds (that follows the order pages show glyphs in) or the bytes written
/// (tested: a writer whose preloading is abandoned at once writes the same bytes).
enum GlyphPreloader {
    /// Glyphs per cairo_glyph_path call.
    static let batchSize = 64

    /// `glyphs` are ids in the faces handed to Cairo (for a subset face, the renumbered ids).
    /// `stop` is asked between batches: a writer dropped before its first page stops early.
    /// `outlinesLoaded` is called once, when the drawn sizes' outlines are in (or loading
    /// stopped or failed), before the em-size metrics are loaded.
    static func load(stoppingWhen stop: () -> Bool = { false }, outlinesLoaded: () -> Void = {},
                     _ work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]) {
        var outlinesReported = false
        func reportOutlines() {
            if !outlinesReported { outlinesReported = true; outlinesLoaded() }
        }
        defer { reportOutlines() }
        guard work.contains(where: { !$0.glyphs.isEmpty }) else { return }
        // A context that cannot be made only means the page writer loads the glyphs itself.
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
        reportOutlines()
        // Then the metrics of the em-size font Cairo's subsetter reads widths from: one per
        // face whatever the sizes drawn, its glyphs in order of first use at any size.
        var faces: [(face: CairoFontFace, glyphs: [UInt32], seen: Set<UInt32>)] = []
        for item in work {
            let k: Int
            if let known = faces.firstIndex(where: { $0.face === item.face }) { k = known } else {
                faces.append((item.face, [], []))
                k = faces.count - 1
            }
            for g in item.glyphs where faces[k].seen.insert(g).inserted { faces[k].glyphs.append(g) }
        }
        for (face, glyphs, _) in faces where !stop() {
            // This is the font Cairo's PDF surface will use: a glyph that fails to load here
            // fails there too, and the page writer reports it.
            guard let font = try? CairoScaledFont.pdfSubsetFont(face) else { continue }
            var start = 0
            while start < glyphs.count, !stop() {
                let end = min(start + batchSize, glyphs.count)
                font.loadMetrics(glyphs[start..<end].map { cairo_glyph_t(index: UInt($0), x: 0, y: 0) })
                start = end
            }
        }
    }
}
