import Foundation
import BroadsheetDisplay
import BroadsheetText

/// Deals composed paragraphs' lines into a galley's columns, in reading order, one page at
/// a time: the sequential step between line breaking and drawing. Plain state, advanced by
/// one thread at a time (`GalleyPager` sees to that).
struct PageFiller: Sendable {
    let spec: GalleySpec
    let runs: GlyphRunBuilder
    /// Keep each placed paragraph (for `--explain` and tests).
    let keep: Bool
    private(set) var paragraphs: [ComposedParagraph] = []
    private(set) var pageCount = 0
    private(set) var lineCount = 0
    private(set) var overfull = 0
    private(set) var characters = 0
    private var nextParagraph = 0
    /// The paragraph being dealt and its next line: a page can end inside a paragraph.
    private var current: ComposedParagraph?
    private var nextLine = 0
    private var items: [DisplayItem] = []
    private var column = 0, row = 0
    private var done = false

    init(spec: GalleySpec, runs: GlyphRunBuilder, keep: Bool) {
        self.spec = spec; self.runs = runs; self.keep = keep
    }

    /// The next page, once full (a page is handed on only when the line that opens the next
    /// one is known, as an editor would turn the page); the last page however full; nil
    /// after it, or when composition was cancelled.
    mutating func fillPage(from composing: InOrderComposition) -> DisplayPage? {
        guard !done else { return nil }
        let perColumn = spec.linesPerColumn
        while true {
            guard let p = current else {
                guard nextParagraph < composing.count else {
                    done = true
                    return items.isEmpty && pageCount > 0 ? nil : flush()
                }
                guard let p = composing.wait(nextParagraph) else { done = true; return nil }
                nextParagraph += 1
                if keep { paragraphs.append(p) }
                characters += p.text.scalars.count
                current = p
                nextLine = 0
                continue
            }
            let owner = "p\(nextParagraph)"
            while nextLine < p.lines.count {
                if row == perColumn {
                    row = 0
                    column += 1
                    if column == spec.columns { column = 0; return flush() }
                }
                let line = p.lines[nextLine]
                let x = spec.margin + Double(column) * (spec.columnWidth + spec.gutter)
                let y = spec.margin + GalleySpec.ascent * spec.size + Double(row) * spec.leading
                for r in runs.runs(for: line, text: p.text, origin: Point(x: x, y: y), owner: owner) {
                    items.append(.glyphs(r))
                }
                if line.overflow > 0 { overfull += 1 }
                lineCount += 1
                row += 1
                nextLine += 1
            }
            current = nil
        }
    }

    private mutating func flush() -> DisplayPage {
        pageCount += 1
        let page = DisplayPage(width: spec.pageWidth, height: spec.pageHeight, items: items, label: "\(pageCount)")
        items = []
        return page
    }
}

/// Hands a galley's pages, in order, to one drawing thread while other threads break lines
/// and fill pages ahead of it.
///
/// Filling a page (a few hundred lines turned into glyph runs) took about a quarter of the
/// drawing thread's time per page on a 100k-character galley, while the breaking thread sat
/// idle once the last paragraph was broken. So whichever thread is free fills the next
/// page: breaking threads keep up to `pagesAhead` filled pages waiting, and the drawing
/// thread fills one itself only when none is waiting and nobody is filling.
final class GalleyPager: @unchecked Sendable {
    /// Filled pages waiting for the drawing thread: two keep it busy across a page that is
    /// slow to fill, while a streamed galley still holds only a few pages at once.
    static let pagesAhead = 2

    private let condition = NSCondition()
    private let composing: InOrderComposition
    /// Advanced only by the thread that set `filling`, outside the lock.
    private var filler: PageFiller
    private var filling = false
    private var finished = false
    private var cancelled = false
    private var waiting: [DisplayPage] = []

    init(_ composing: InOrderComposition, filler: PageFiller) {
        self.composing = composing
        self.filler = filler
    }

    /// The next page, for the one drawing thread; nil after the last (or once cancelled).
    func next() -> DisplayPage? {
        condition.lock(); defer { condition.unlock() }
        while true {
            if !waiting.isEmpty {
                condition.broadcast()       // room for a breaking thread to fill another
                return waiting.removeFirst()
            }
            if finished || cancelled { return nil }
            if !filling {
                if let page = fillLocked() { return page }
                continue
            }
            // Another thread is filling the next page: break a paragraph meanwhile, or wait.
            condition.unlock()
            let broke = composing.composeNext()
            condition.lock()
            if !broke && filling && waiting.isEmpty { condition.wait() }
        }
    }

    /// One step of a helping thread's work: fill a page while fewer than `pagesAhead` wait,
    /// else break a paragraph. False when there is nothing to do now.
    func helpOnce() -> Bool {
        condition.lock(); defer { condition.unlock() }
        if finished || cancelled { return false }
        if !filling && waiting.count < Self.pagesAhead {
            if let page = fillLocked() { waiting.append(page) }
            return true
        }
        condition.unlock()
        let broke = composing.composeNext()
        condition.lock()
        return broke
    }

    /// A breaking thread's whole work: help until every page is filled (or the drawing
    /// thread gave up), sleeping while there is room for no page and no paragraph is left.
    func helpUntilDone() {
        while true {
            if helpOnce() { continue }
            condition.lock()
            defer { condition.unlock() }
            if finished || cancelled { return }
            if filling || waiting.count >= Self.pagesAhead { condition.wait() }
        }
    }

    /// Stops filling and breaking (the drawing thread gave up, e.g. its sink failed).
    func cancel() {
        composing.cancel()
        condition.lock(); cancelled = true; condition.broadcast(); condition.unlock()
    }

    /// The filler's totals, once `next` has returned nil.
    var totals: PageFiller {
        condition.lock(); defer { condition.unlock() }
        while filling { condition.wait() }
        return filler
    }

    /// Fills the next page with the lock released; called with the lock held and nobody
    /// filling. Marks the galley finished when no page is left (or composition was cancelled).
    private func fillLocked() -> DisplayPage? {
        filling = true
        condition.unlock()
        let page = filler.fillPage(from: composing)
        condition.lock()
        filling = false
        if page == nil { finished = true }
        condition.broadcast()
        return page
    }
}
