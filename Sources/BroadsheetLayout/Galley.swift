import Foundation
import BroadsheetDisplay
import BroadsheetText

/// The geometry and type of a galley proof: plain paragraphs set in equal columns, filled
/// one after another (no balancing), page after page, as the peer benchmark's job does.
public struct GalleySpec: Sendable {
    public var pageWidth: Double
    public var pageHeight: Double
    public var margin: Double
    public var columns: Int
    public var gutter: Double
    /// Type size and line pitch in points.
    public var size: Double
    public var leading: Double
    public var role: String
    public var composer: ComposerOptions
    /// ISO date written into the PDF (never the clock: proofs must be reproducible).
    public var date: String

    public init(pageWidth: Double = 370 * pointsPerMillimetre, pageHeight: Double = 520 * pointsPerMillimetre,
                margin: Double = 10 * pointsPerMillimetre, columns: Int = 8, gutter: Double = 4 * pointsPerMillimetre,
                size: Double = 9, leading: Double = 13, role: String = "body",
                composer: ComposerOptions = ComposerOptions(), date: String = "2025-01-10") {
        self.pageWidth = pageWidth; self.pageHeight = pageHeight; self.margin = margin
        self.columns = columns; self.gutter = gutter; self.size = size; self.leading = leading
        self.role = role; self.composer = composer; self.date = date
    }

    public var columnWidth: Double {
        (pageWidth - 2 * margin - Double(columns - 1) * gutter) / Double(columns)
    }

    /// The CJK ideographic em box sits 0.88 em above the baseline and 0.12 em below (Noto CJK's
    /// ideographic embox), so the first baseline is 0.88 em below the type area's top and
    /// a line fits while its box bottom stays inside the area.
    static let ascent = 0.88
    static let descent = 0.12

    public var linesPerColumn: Int {
        let h = pageHeight - 2 * margin - size * (Self.ascent + Self.descent)
        return h < 0 ? 0 : Int((h / leading + 1e-9).rounded(.down)) + 1
    }
}

public struct GalleyResult: Sendable {
    public var document: DisplayDocument
    public var paragraphs: [ComposedParagraph]
    public var lines: Int
    public var characters: Int
    /// Lines that stick out of the measure (should be none).
    public var overfullLines: Int
}

public enum GalleyError: Error, CustomStringConvertible {
    case badGeometry(String)
    public var description: String {
        switch self { case .badGeometry(let m): return "galley: \(m)" }
    }
}

/// Sets a galley: each paragraph composed once at the column width (every column has the
/// same measure), then its lines dealt into columns in reading order. Paragraphs are
/// composed concurrently; the display list keeps each column's lines in order, so a PDF
/// reader's text extraction returns each column's text in sequence.
public struct Galley: Sendable {
    public let store: FontStore
    public let spec: GalleySpec
    public let composer: ParagraphComposer

    public init(store: FontStore, spec: GalleySpec) {
        self.store = store
        self.spec = spec
        self.composer = ParagraphComposer(shaper: Shaper(store: store), options: spec.composer)
    }

    /// One paragraph per non-blank line of `text`.
    public static func paragraphs(of text: String) -> [String] {
        // Split on the UTF-8 bytes: Character-level splitting (grapheme breaking over the whole
        // file) took longer than shaping on a 100k-character corpus.
        var out: [String] = []
        for line in text.utf8.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D }) {
            guard let s = String(line) else { continue }
            let t = s.trimmingCharacters(in: .whitespaces)
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    public func compose(paragraphs: [String]) throws -> [ComposedParagraph] {
        let style = TextStyle(role: spec.role, size: spec.size)
        _ = try store.chain(for: spec.role)      // unknown role: fail before going parallel
        let measure = spec.columnWidth
        let composer = self.composer
        let results = UnsafeResults(count: paragraphs.count)
        DispatchQueue.concurrentPerform(iterations: paragraphs.count) { i in
            results.set(i, Result { try composer.compose(StyledText(paragraphs[i], style: style), measures: [measure]) })
        }
        return try results.values.map { try $0!.get() }
    }

    public func layout(paragraphs texts: [String], title: String = "Galley") throws -> GalleyResult {
        guard spec.columns >= 1, spec.columnWidth > spec.size, spec.linesPerColumn >= 1 else {
            throw GalleyError.badGeometry("the page leaves no room for a \(spec.columns)-column type area at \(spec.size) pt")
        }
        let paras = try compose(paragraphs: texts)
        let runs = GlyphRunBuilder(store: store)
        var pages: [DisplayPage] = []
        var items: [DisplayItem] = []
        var column = 0, row = 0
        var lineCount = 0, overfull = 0, chars = 0
        let perColumn = spec.linesPerColumn
        func flushPage() {
            pages.append(DisplayPage(width: spec.pageWidth, height: spec.pageHeight, items: items, label: "\(pages.count + 1)"))
            items = []
        }
        for (pi, p) in paras.enumerated() {
            chars += p.text.scalars.count
            let owner = "p\(pi + 1)"
            for line in p.lines {
                if row == perColumn {
                    row = 0
                    column += 1
                    if column == spec.columns { flushPage(); column = 0 }
                }
                let x = spec.margin + Double(column) * (spec.columnWidth + spec.gutter)
                let y = spec.margin + GalleySpec.ascent * spec.size + Double(row) * spec.leading
                for r in runs.runs(for: line, text: p.text, origin: Point(x: x, y: y), owner: owner) {
                    items.append(.glyphs(r))
                }
                if line.overflow > 0 { overfull += 1 }
                lineCount += 1
                row += 1
            }
        }
        if !items.isEmpty || pages.isEmpty { flushPage() }
        let doc = DisplayDocument(title: title, date: spec.date, pages: pages)
        return GalleyResult(document: doc, paragraphs: paras, lines: lineCount, characters: chars, overfullLines: overfull)
    }
}

/// Slots written by `concurrentPerform` workers, each index by exactly one worker.
final class UnsafeResults: @unchecked Sendable {
    private(set) var values: [Result<ComposedParagraph, Error>?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<ComposedParagraph, Error>) {
        lock.lock(); values[i] = r; lock.unlock()
    }
}
