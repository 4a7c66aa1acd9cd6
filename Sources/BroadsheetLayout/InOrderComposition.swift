import Foundation
import BroadsheetText

/// Breaks shaped paragraphs in order, on whichever threads ask, while a consumer takes them
/// in order as they finish. Paragraphs are handed out one at a time in sequence, so
/// paragraph i is ready early for a consumer that fills pages as it goes. A consumer that
/// would wait breaks the next untaken paragraph itself instead, so a busy machine slows the
/// galley down, and a consumer only ever waits for a paragraph another thread has already
/// started.
final class InOrderComposition: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [ComposedParagraph?]
    private var next = 0
    private var cancelled = false
    /// Each paragraph's shaping, dropped once it is broken: on a 100k-character galley the
    /// shaped glyphs and clusters are ~10 MB, and freeing them as the galley goes lets later
    /// allocations reuse that memory (peak RSS on big.txt 46.8 → 42.4 MB).
    private var shaped: [ShapedParagraph?]
    private let composer: ParagraphComposer
    private let measure: Double

    init(_ shaped: consuming [ShapedParagraph], composer: ParagraphComposer, measure: Double) {
        self.shaped = shaped.map { $0 }
        self.composer = composer
        self.measure = measure
        results = Array(repeating: nil, count: shaped.count)
        count = shaped.count
    }

    /// How many paragraphs; a constant, so it is read without the lock.
    let count: Int

    /// Breaks the next paragraph nobody has taken, on the calling thread. False when none is left.
    @discardableResult
    func composeNext() -> Bool {
        guard let (i, input) = take() else { return false }
        let p = composer.compose(shaped: input, measures: [measure]).paragraph
        condition.lock()
        results[i] = p
        condition.broadcast()
        condition.unlock()
        return true
    }

    /// The next paragraph to break and its shaping (the slot is emptied), nil when all are
    /// taken or the caller gave up.
    private func take() -> (Int, ShapedParagraph)? {
        condition.lock(); defer { condition.unlock() }
        guard !cancelled, next < count else { return nil }
        guard let input = shaped[next] else { preconditionFailure("paragraph \(next) handed out twice") }
        shaped[next] = nil
        next += 1
        return (next - 1, input)
    }

    /// Stops handing out work (the caller gave up, e.g. its sink failed). No waiter needs
    /// waking: `wait` sleeps only for a paragraph already taken, which its taker finishes.
    func cancel() {
        condition.lock(); cancelled = true; condition.unlock()
    }

    /// Paragraph i, set, handed over once (the slot is emptied, so a caller that drops it
    /// frees it); nil only when composition was cancelled before anyone took i. While i is
    /// not set, the caller breaks the next untaken paragraph itself (i's turn comes, since
    /// paragraphs are taken in order), and goes on with later ones while another thread
    /// finishes i: sleeping then left a drawing thread idle a few ms a page while one
    /// breaking thread carried the backlog. It sleeps only once every paragraph is taken
    /// (or composition was cancelled).
    func wait(_ i: Int) -> ComposedParagraph? {
        while true {
            condition.lock()
            if let p = results[i] { results[i] = nil; condition.unlock(); return p }
            if next < count && !cancelled {
                condition.unlock()
                composeNext()
                continue
            }
            if next <= i { condition.unlock(); return nil }     // cancelled before i was taken
            // Every paragraph is taken (or cancelled); i is being finished by another thread.
            condition.wait()
            condition.unlock()
        }
    }
}
