import BroadsheetDisplay
import CCairo
import Dispatch
import Foundation

/// Loads the glyph outlines Cairo will ask FreeType for while it writes the PDF, on two
/// threads, before the first page is drawn.
///
/// Cairo's PDF surface files each glyph into a font subset the first time a page shows it,
/// and to do that it loads the glyph's outline (it checks that the glyph is an outline, not
/// a bitmap) and its metrics: a CFF charstring interpretation per distinct glyph, about a
/// third of a one-page galley's writing time, all on the drawing thread. The outlines are
/// cached in the scaled font, and Cairo shares one scaled font between every context that
/// asks for the same face, size, transformation and font options. So throwaway contexts on
/// PDF surfaces (same surface type, same options, identity transformation as the page
/// drawer) ask for the glyphs' paths first: a background thread from the last glyph back,
/// and the writer's thread, when it reaches its first page, from the first glyph on until
/// the two meet. Letting the page drawer race the background thread instead was slower
/// than not preloading at all: both queued on the scaled font's lock for the same glyphs.
///
/// Only timing changes: which thread loads an outline first cannot change the outline, the
/// subset Cairo builds (that follows the order pages show glyphs in) or the bytes written.
final class GlyphPreloader: @unchecked Sendable {
    /// Cairo holds a scaled font's lock while it loads a batch; small batches keep the two
    /// threads from waiting on each other where they meet.
    static let batchSize = 16

    private let group = DispatchGroup()
    /// Faces are retained until the work is done; Cairo font faces are reference-counted
    /// and may be used from two threads (Cairo locks the FreeType face around each load).
    private let work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]
    /// Every (work item, glyph) in page order; the two threads take batches from either end.
    private let tasks: [(item: Int, glyph: UInt32)]
    private let lock = NSLock()
    private var front = 0
    private var back: Int

    /// Starts the background half at once. `glyphs` are ids in the faces handed to Cairo
    /// (for a subset face, the renumbered ids).
    init(_ work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])]) {
        self.work = work
        tasks = work.indices.flatMap { k in work[k].glyphs.map { (item: k, glyph: $0) } }
        back = tasks.count
        guard !tasks.isEmpty else { return }
        DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in load(fromBack: true) }
    }

    /// Loads the caller's half, then waits for the background thread's.
    func finishOnCallingThread() {
        load(fromBack: false)
        group.wait()
    }

    /// Blocks until the background thread is done; call before the faces can be freed.
    func wait() { group.wait() }

    private func nextBatch(fromBack: Bool) -> Range<Int>? {
        lock.lock(); defer { lock.unlock() }
        guard front < back else { return nil }
        if fromBack {
            let start = max(front, back - Self.batchSize)
            defer { back = start }
            return start..<back
        }
        let end = min(back, front + Self.batchSize)
        defer { front = end }
        return front..<end
    }

    private func load(fromBack: Bool) {
        guard front < back else { return }
        // A failure here only means the page writer loads the glyphs itself.
        guard let surface = try? CairoSurface.pdf(into: ByteSink(), width: 100, height: 100),
              let context = try? CairoContext(surface: surface) else { return }
        var current = -1
        while let range = nextBatch(fromBack: fromBack) {
            var k = range.lowerBound
            while k < range.upperBound {
                let item = tasks[k].item
                if item != current {
                    context.setFont(work[item].face, size: work[item].size)
                    current = item
                }
                var glyphs: [cairo_glyph_t] = []
                while k < range.upperBound, tasks[k].item == item {
                    glyphs.append(cairo_glyph_t(index: UInt(tasks[k].glyph), x: 0, y: 0))
                    k += 1
                }
                context.glyphPath(glyphs)
                context.newPath()
            }
        }
    }
}
