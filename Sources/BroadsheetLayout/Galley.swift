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
    /// The pages and composed paragraphs; empty when the galley streamed to a sink and was
    /// asked not to keep them.
    public var document: DisplayDocument
    public var paragraphs: [ComposedParagraph]
    public var pageCount: Int
    public var lines: Int
    public var characters: Int
    /// Lines that stick out of the measure (should be none).
    public var overfullLines: Int
    /// How long the drawing thread spent in getting each page once the sink was ready
    /// (filling the page itself, breaking a paragraph while another thread filled it, or
    /// waiting), for `--timing`: small when the other threads keep ahead of drawing. The
    /// breaking and filling it does while the sink gets ready is not counted.
    public var secondsGettingPages: Double = 0
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
        var text = text
        // Split on the UTF-8 bytes, in place: Character-level splitting (grapheme breaking
        // over the whole file) took longer than shaping a 100k-character corpus, and even a
        // per-byte closure over the UTF-8 view cost a millisecond before any work could start.
        return text.withUTF8 { bytes in
            var out: [String] = []
            var start = 0
            for k in 0...bytes.count where k == bytes.count || bytes[k] == 0x0A || bytes[k] == 0x0D {
                defer { start = k + 1 }
                guard k > start else { continue }
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<k]), as: UTF8.self)
                // Trim spaces and tabs but keep U+3000: an ideographic space is the writer's indent.
                let trimmed = line.trimmingScalars { $0 == " " || $0 == "\t" || ($0.properties.isWhitespace && $0 != "\u{3000}") }
                if !trimmed.isEmpty { out.append(trimmed) }
            }
            return out
        }
    }

    /// Shapes every paragraph, concurrently: what tells a PDF writer every glyph it will
    /// need before the first line is broken.
    public func shape(paragraphs: [String]) throws -> [ShapedParagraph] {
        try shapeListingGlyphs(paragraphs).map(\.shaped)
    }

    /// Glyphs a paragraph can draw, as runs of one font and size, in text order.
    struct DrawableGlyphs: Sendable {
        var runs: [(font: FontID, size: Double, glyphs: [UInt32])] = []
        /// A cluster of more or fewer than one glyph: see `GlyphManifest.needsCharacterMap`.
        var needsCharacterMap = false

        init(_ shaped: ShapedParagraph, composer: ParagraphComposer) {
            // The run being collected stays in locals: appending to an array inside the array
            // of runs cost about 200 instructions a glyph, for every glyph of the galley. The
            // first run's buffer is sized for the whole paragraph (most paragraphs are one
            // run; an interpunct adds its `fwid` form), and a run handed over keeps its buffer.
            var font: FontID?, size = 0.0
            var glyphs: [UInt32] = []
            glyphs.reserveCapacity(shaped.glyphs.count)
            composer.forEachDrawableGlyph(of: shaped) { f, s, glyph in
                if f != font || s != size {
                    if let font { runs.append((font, size, glyphs)); glyphs = [] }
                    font = f
                    size = s
                }
                glyphs.append(glyph)
            }
            if let font { runs.append((font, size, glyphs)) }
            needsCharacterMap = shaped.clusters.contains { $0.glyphEnd - $0.glyphStart != 1 }
        }
    }

    /// Shapes every paragraph and, on the same worker, lists the glyphs it can draw.
    func shapeListingGlyphs(_ paragraphs: [String]) throws -> [(shaped: ShapedParagraph, glyphs: DrawableGlyphs)] {
        let style = TextStyle(role: spec.role, size: spec.size)
        _ = try store.chain(for: spec.role)      // unknown role: fail before going parallel
        let composer = self.composer
        let results = UnsafeResults<(shaped: ShapedParagraph, glyphs: DrawableGlyphs)>(count: paragraphs.count)
        DispatchQueue.concurrentPerform(iterations: paragraphs.count) { i in
            results.set(i, Result {
                let shaped = try composer.shaper.shape(StyledText(paragraphs[i], style: style))
                return (shaped, DrawableGlyphs(shaped, composer: composer))
            })
        }
        return try results.values.map { try $0!.get() }
    }

    public func compose(paragraphs: [String]) throws -> [ComposedParagraph] {
        let measure = spec.columnWidth
        return try shape(paragraphs: paragraphs).map { composer.compose(shaped: $0, measures: [measure]).paragraph }
    }

    /// Every glyph the paragraphs can draw, per face and size, in text order.
    func manifest(of lists: [DrawableGlyphs]) -> GlyphManifest {
        // One bitmap per font id and size: hashing per glyph (let alone hashing a FontRef, a
        // path) cost more than the rest of the page set-up on a 100k-character galley.
        struct Key: Equatable { var font: FontID; var size: Double }
        var keys: [Key] = []
        var seen: [[Bool]] = []
        var glyphs: [[UInt32]] = []
        for list in lists {
            for run in list.runs {
                let key = Key(font: run.font, size: run.size)
                let k: Int
                if let known = keys.firstIndex(of: key) {
                    k = known
                } else {
                    keys.append(key)
                    seen.append([Bool](repeating: false, count: 65_536))
                    glyphs.append([])
                    k = keys.count - 1
                }
                for glyph in run.glyphs {
                    let g = Int(glyph)
                    if g >= seen[k].count { seen[k] += [Bool](repeating: false, count: g + 1 - seen[k].count) }
                    if !seen[k][g] {
                        seen[k][g] = true
                        glyphs[k].append(glyph)
                    }
                }
            }
        }
        var manifest = GlyphManifest()
        // Every galley run carries its text; only clusters of several glyphs need the cmap.
        manifest.needsCharacterMap = lists.contains { $0.needsCharacterMap }
        for (k, key) in keys.enumerated() {
            let f = store.font(key.font)
            manifest.add(glyphs[k], font: FontRef(path: f.path, faceIndex: f.faceIndex), size: key.size)
        }
        return manifest
    }

    /// The glyphs the paragraphs will most likely draw, without shaping them: every distinct
    /// character shaped once, alone (spaces between them keep ligatures from forming), plus
    /// the doubled dash and ellipsis, which Noto CJK sets as one glyph. Shaping picks faces
    /// and forms exactly as it will for the text, so the guess misses only glyphs that
    /// depend on neighbours (a Latin ligature, a combining mark); `covers` tells.
    func likelyManifest(_ paragraphs: [String]) throws -> GlyphManifest {
        // Which scalars occur, first use first. A bit per BMP code point: this runs before the
        // font preparation can start, and hashing every character into a set took 2 ms of it.
        var bmp = [UInt64](repeating: 0, count: 0x10000 / 64)
        var astral = Set<UInt32>()
        var sample = String.UnicodeScalarView()
        for paragraph in paragraphs {
            for u in paragraph.unicodeScalars where u != " " {
                let v = u.value
                if v < 0x10000 {
                    let bit = UInt64(1) << (v & 63)
                    guard bmp[Int(v >> 6)] & bit == 0 else { continue }
                    bmp[Int(v >> 6)] |= bit
                } else {
                    guard astral.insert(v).inserted else { continue }
                }
                sample.append(u)
                sample.append(" ")
            }
        }
        func seen(_ v: UInt32) -> Bool { bmp[Int(v >> 6)] & (UInt64(1) << (v & 63)) != 0 }
        if seen(0x2014) { sample.append(contentsOf: "—— ".unicodeScalars) }
        if seen(0x2026) { sample.append(contentsOf: "…… ".unicodeScalars) }
        let style = TextStyle(role: spec.role, size: spec.size)
        let shaped = try composer.shaper.shape(StyledText(String(sample), style: style))
        return manifest(of: [DrawableGlyphs(shaped, composer: composer)])
    }

    /// Sets the galley. With a `sink`, each page is handed over as soon as it is full, while
    /// later paragraphs are still being broken on other cores; before the first page the
    /// sink gets the glyphs the galley will draw (see `GalleyPageSink.prepare`).
    ///
    /// `keep: false` (with a sink) drops each page once the sink has it and each paragraph
    /// once placed: a 100k-character galley then runs in a fraction of the memory, and
    /// reusing it saves the page faults of touching fresh memory for every page.
    public func layout(paragraphs texts: [String], title: String = "Galley",
                       sink: (any GalleyPageSink)? = nil, keep: Bool = true) throws -> GalleyResult {
        let keep = keep || sink == nil
        guard spec.columns >= 1, spec.columnWidth > spec.size, spec.linesPerColumn >= 1 else {
            throw GalleyError.badGeometry("the page leaves no room for a \(spec.columns)-column type area at \(spec.size) pt")
        }
        // The writer's font preparation starts now, on a guess at the glyphs, so that it runs
        // while the paragraphs are shaped; it is redone in the rare case the guess fell short.
        let guess = try sink.map { sink in
            let m = try likelyManifest(texts)
            try sink.prepare(m)
            return m
        }
        let composing: InOrderComposition
        var glyphLists: [DrawableGlyphs]
        do {
            let listed = try shapeListingGlyphs(texts)
            glyphLists = listed.map(\.glyphs)
            // From here the composition holds the only copy of each shaping, until it is broken.
            composing = InOrderComposition(listed.map(\.shaped), composer: composer, measure: spec.columnWidth)
        }
        let pager = GalleyPager(composing, filler: PageFiller(spec: spec, runs: GlyphRunBuilder(store: store), keep: keep))
        // Helpers are joined before returning, also when the sink throws: none outlives the
        // galley, and one stuck for good would show as a hang rather than pass unseen.
        let helpers = DispatchGroup()
        defer { pager.cancel(); helpers.wait() }
        // This thread draws pages (when there is a sink): leave it a core. At least one
        // helper, even for no paragraphs (it fills the one empty page and stops).
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for _ in 0..<max(1, min(cores - 1, glyphLists.count)) {
            helpers.enter()
            Thread { pager.helpUntilDone(); helpers.leave() }.start()
        }
        let glyphs = sink == nil ? nil : manifest(of: glyphLists)
        glyphLists = []
        if let sink, let glyphs {
            if !(guess?.covers(glyphs) ?? false) { try sink.prepare(glyphs) }
            // While the sink prepares (fonts for the PDF), this thread breaks lines and fills pages too.
            while !sink.isReady, pager.helpOnce() {}
        }
        var pages: [DisplayPage] = []
        var gettingPages: UInt64 = 0
        while true {
            let t0 = DispatchTime.now().uptimeNanoseconds
            guard let page = pager.next() else { break }
            gettingPages += DispatchTime.now().uptimeNanoseconds - t0
            try sink?.add(page)
            if keep { pages.append(page) }
        }
        let totals = pager.totals
        let doc = DisplayDocument(title: title, date: spec.date, pages: pages)
        return GalleyResult(document: doc, paragraphs: totals.paragraphs, pageCount: totals.pageCount,
                            lines: totals.lineCount, characters: totals.characters, overfullLines: totals.overfull,
                            secondsGettingPages: Double(gettingPages) / 1e9)
    }
}

/// Receives a galley's pages as they are set (a PDF writer, typically).
public protocol GalleyPageSink: AnyObject {
    /// Called before the first page with the glyphs the galley will draw: first with a
    /// guess made before shaping, then, only if the guess fell short, again with the real
    /// glyphs, which replace the guess (anything prepared for it can be dropped).
    func prepare(_ glyphs: GlyphManifest) throws
    func add(_ page: DisplayPage) throws
    /// False while the sink is still getting ready for the first page (a PDF writer cutting
    /// fonts down and loading their glyphs): the galley breaks lines itself meanwhile rather
    /// than wait in `add`.
    var isReady: Bool { get }
}

extension GalleyPageSink {
    public var isReady: Bool { true }
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
