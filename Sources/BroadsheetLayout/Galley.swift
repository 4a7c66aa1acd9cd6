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
            let scalars = s.unicodeScalars
            // Trim spaces and tabs but keep U+3000: an ideographic space is the writer's indent.
            let isBlank: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || ($0.properties.isWhitespace && $0 != "\u{3000}") }
            guard let first = scalars.firstIndex(where: { !isBlank($0) }),
                  let last = scalars.lastIndex(where: { !isBlank($0) }) else { continue }
            out.append(String(scalars[first...last]))
        }
        return out
    }

    /// Shapes every paragraph, concurrently: what tells a PDF writer every glyph it will
    /// need before the first line is broken.
    public func shape(paragraphs: [String]) throws -> [ShapedParagraph] {
        let style = TextStyle(role: spec.role, size: spec.size)
        _ = try store.chain(for: spec.role)      // unknown role: fail before going parallel
        let shaper = composer.shaper
        let results = UnsafeResults<ShapedParagraph>(count: paragraphs.count)
        DispatchQueue.concurrentPerform(iterations: paragraphs.count) { i in
            results.set(i, Result { try shaper.shape(StyledText(paragraphs[i], style: style)) })
        }
        return try results.values.map { try $0!.get() }
    }

    public func compose(paragraphs: [String]) throws -> [ComposedParagraph] {
        let measure = spec.columnWidth
        return try shape(paragraphs: paragraphs).map { composer.compose(shaped: $0, measures: [measure]).paragraph }
    }

    /// Every glyph the paragraphs can draw, per face and size, in text order.
    func manifest(of shaped: [ShapedParagraph]) -> GlyphManifest {
        // Gathered by font id first: hashing a FontRef (a path) per glyph would cost more.
        struct Key: Hashable { var font: FontID; var size: Double }
        var order: [Key] = []
        var glyphs: [Key: [UInt32]] = [:]
        var seen: [Key: Set<UInt32>] = [:]
        for p in shaped {
            composer.forEachDrawableGlyph(of: p) { font, size, glyph in
                let key = Key(font: font, size: size)
                if seen[key, default: []].insert(glyph).inserted {
                    if glyphs[key] == nil { order.append(key) }
                    glyphs[key, default: []].append(glyph)
                }
            }
        }
        var manifest = GlyphManifest()
        for key in order {
            let f = store.font(key.font)
            manifest.add(glyphs[key] ?? [], font: FontRef(path: f.path, faceIndex: f.faceIndex), size: key.size)
        }
        return manifest
    }

    /// Sets the galley. With a `sink`, each page is handed over as soon as it is full, while
    /// later paragraphs are still being broken on other cores; the sink first gets the
    /// manifest of every glyph the galley may draw (known once all text is shaped).
    public func layout(paragraphs texts: [String], title: String = "Galley",
                       sink: (any GalleyPageSink)? = nil) throws -> GalleyResult {
        guard spec.columns >= 1, spec.columnWidth > spec.size, spec.linesPerColumn >= 1 else {
            throw GalleyError.badGeometry("the page leaves no room for a \(spec.columns)-column type area at \(spec.size) pt")
        }
        let shaped = try shape(paragraphs: texts)
        let composing = InOrderComposition(shaped, composer: composer, measure: spec.columnWidth)
        defer { composing.cancel() }
        if let sink { try sink.prepare(manifest(of: shaped)) }
        let runs = GlyphRunBuilder(store: store)
        var pages: [DisplayPage] = []
        var paras: [ComposedParagraph] = []
        paras.reserveCapacity(shaped.count)
        var items: [DisplayItem] = []
        var column = 0, row = 0
        var lineCount = 0, overfull = 0, chars = 0
        let perColumn = spec.linesPerColumn
        func flushPage() throws {
            let page = DisplayPage(width: spec.pageWidth, height: spec.pageHeight, items: items, label: "\(pages.count + 1)")
            try sink?.add(page)
            pages.append(page)
            items = []
        }
        for pi in shaped.indices {
            let p = composing.wait(pi)
            paras.append(p)
            chars += p.text.scalars.count
            let owner = "p\(pi + 1)"
            for line in p.lines {
                if row == perColumn {
                    row = 0
                    column += 1
                    if column == spec.columns { try flushPage(); column = 0 }
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
        if !items.isEmpty || pages.isEmpty { try flushPage() }
        let doc = DisplayDocument(title: title, date: spec.date, pages: pages)
        return GalleyResult(document: doc, paragraphs: paras, lines: lineCount, characters: chars, overfullLines: overfull)
    }
}

/// Receives a galley's pages as they are set (a PDF writer, typically).
public protocol GalleyPageSink: AnyObject {
    /// Called once, before the first page, with every glyph the galley may draw.
    func prepare(_ glyphs: GlyphManifest) throws
    func add(_ page: DisplayPage) throws
}

/// Breaks shaped paragraphs on background threads, roughly in order (concurrentPerform
/// hands out indices in sequence), while the caller takes them in order as they finish.
final class InOrderComposition: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [ComposedParagraph?]
    private var cancelled = false

    init(_ shaped: [ShapedParagraph], composer: ParagraphComposer, measure: Double) {
        results = Array(repeating: nil, count: shaped.count)
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            DispatchQueue.concurrentPerform(iterations: shaped.count) { i in
                if isCancelled { return }
                let p = composer.compose(shaped: shaped[i], measures: [measure]).paragraph
                condition.lock()
                results[i] = p
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    private var isCancelled: Bool {
        condition.lock(); defer { condition.unlock() }
        return cancelled
    }

    /// Stops handing out work (the caller gave up, e.g. its sink failed).
    func cancel() {
        condition.lock(); cancelled = true; condition.unlock()
    }

    func wait(_ i: Int) -> ComposedParagraph {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let p = results[i] { return p }
            condition.wait()
        }
    }
}

/// Slots written by `concurrentPerform` workers, each index by exactly one worker.
final class UnsafeResults<Value>: @unchecked Sendable {
    private(set) var values: [Result<Value, Error>?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<Value, Error>) {
        lock.lock(); values[i] = r; lock.unlock()
    }
}
