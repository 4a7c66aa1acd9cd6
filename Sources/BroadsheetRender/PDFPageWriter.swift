import BroadsheetDisplay
import CCairo
import Foundation
import Dispatch

/// Writes a PDF one page at a time, so a caller can draw page 1 while later pages are still
/// being set (the galley does). Fonts are cut down, before the first page, to the glyphs in
/// `glyphs`, which must list every glyph the pages will draw; a glyph missing from it is an
/// error, never a silently blank box.
///
/// Cutting the fonts down starts on a background thread as soon as the writer is made, and
/// the same thread then loads the glyphs Cairo will ask for (see GlyphPreloader). `add`
/// waits until the glyphs are loaded at their drawn sizes, and `isReady` lets a caller do
/// other work (the galley breaks lines) instead of waiting. Drawing earlier would not be
/// faster: Cairo loads glyphs under a per-face lock, so the drawing would wait for the
/// loading batch by batch, and a glyph the drawing reached first would be loaded twice
/// (once for the metrics the drawing asks for, again for the outline the preloading asks
/// for; measured, up to 40% more loads, varying from run to run).
///
/// Not Sendable: use it from one thread. `PDFRenderer.render` is this with a finished
/// document's own manifest.
public final class PDFPageWriter {
    private let title: String
    private let creator: String
    private let timestamp: String
    private let options: RenderOptions
    private let images: ImageCache
    private let fonts: FontCache
    /// The whole background task: fonts cut down, then glyphs loaded (outlines at the drawn
    /// sizes, then metrics at the em size).
    private let preparation = DispatchGroup()
    /// Left once the fonts are cut down and every glyph's outline at every drawn size is
    /// loaded (or preparation failed or stopped), so that drawing never loads a glyph (see
    /// `add`). The preparation's error is recorded before it is left.
    private let outlinesReady = DispatchGroup()
    private let preparationResult = PreparationResult()
    private let compressContent: Bool
    /// Room for a large galley's PDF before the first page (see ByteSink).
    static let reservedBytes = 8 << 20
    private let sink = ByteSink(reserving: PDFPageWriter.reservedBytes)
    private let deflater = PageContentDeflater()
    private var surface: CairoSurface?
    private var context: CairoContext?
    /// Per page written so far: its print geometry (nil without --print).
    private var layouts: [PrintLayout?] = []
    private var warnings: [RenderWarning] = []
    private var finished = false

    public convenience init(title: String, creator: String = "Broadsheet", date: String, glyphs: GlyphManifest,
                            options: RenderOptions = RenderOptions()) throws {
        try self.init(title: title, creator: creator, date: date, glyphs: glyphs, options: options,
                      images: ImageCache(), subsetFonts: true)
    }

    init(title: String, creator: String, date: String, glyphs: GlyphManifest, options: RenderOptions,
         images: ImageCache, subsetFonts: Bool) throws {
        self.title = title
        self.creator = creator
        self.timestamp = try PDFDate.timestamp(fromISODate: date)
        self.options = options
        self.images = images
        // Fonts are per document: each face is pre-subset to the glyphs this document draws.
        let fonts = FontCache(subsetting: subsetFonts ? glyphs.byFont : [:], keepCmap: glyphs.needsCharacterMap)
        self.fonts = fonts
        compressContent = PDFContentCompression.isOurs
        // The cache is handed to one background task and used here only after `outlinesReady`
        // is waited for; the task no longer touches it after that.
        let handoff = UncheckedBox(fonts)
        let result = preparationResult
        let outlinesReady = self.outlinesReady
        outlinesReady.enter()
        DispatchQueue.global(qos: .userInitiated).async(group: preparation) {
            var work: [(face: CairoFontFace, size: Double, glyphs: [UInt32])] = []
            do {
                let fonts = handoff.value
                work = try glyphs.keys.indices.map { k in
                    let key = glyphs.keys[k]
                    let face = try fonts.cairoFace(key.font)
                    let subset = fonts.subset(of: key.font)
                    let ids = subset.map { s in glyphs.inOrder[k].map { s.glyphID($0) } } ?? glyphs.inOrder[k]
                    return (face: face, size: key.size, glyphs: ids)
                }
            } catch {
                result.error = error
            }
            GlyphPreloader.load(stoppingWhen: { result.isAbandoned }, outlinesLoaded: { outlinesReady.leave() }, work)
        }
    }

    /// Stops the background preparation early: the writer will not be used (its caller got
    /// a better manifest). Outline loading stops at the next batch.
    public func abandon() { preparationResult.abandon() }

    /// Whether the fonts are cut down and their glyphs loaded at the drawn sizes, so that
    /// `add` will not wait. (Page 1's emission may still wait on Cairo's font lock while the
    /// em-size metrics load.)
    public var isReady: Bool { outlinesReady.wait(timeout: .now()) == .success }

    private func waitUntilReady() throws {
        outlinesReady.wait()
        if let error = preparationResult.error { throw error }
    }

    /// A writer dropped early (a galley whose guess at the glyphs fell short, or an error)
    /// stops its preparation at the next batch and waits for it, so that no thread is left
    /// inside HarfBuzz or Cairo when the process exits.
    deinit {
        preparationResult.abandon()
        preparation.wait()
    }

    /// Draws `page` as the next page of the file.
    public func add(_ page: DisplayPage) throws {
        precondition(!finished, "PDFPageWriter.add after finish")
        let number = layouts.count + 1
        guard page.width > 0, page.height > 0, page.width.isFinite, page.height.isFinite else {
            throw RenderError.invalidPageSize(page: number, width: page.width, height: page.height)
        }
        let layout = options.print.map { PrintLayout(geometry: $0, trimWidth: page.width, trimHeight: page.height) }
        let size = layout.map { ($0.mediaWidth, $0.mediaHeight) } ?? (page.width, page.height)
        try waitUntilReady()
        let (surface, context) = try open(width: size.0, height: size.1)
        surface.pdfSetSize(width: size.0, height: size.1)
        if !page.label.isEmpty { surface.pdfSetPageLabel(page.label) }
        context.save()
        if let layout {
            layout.drawMarks(context)
            context.translate(layout.margin, layout.margin)
            // Content may run into the bleed but never into the marks.
            let b = layout.geometry.bleed
            context.newPath()
            context.rectangle(Rect(x: -b, y: -b, width: page.width + 2 * b, height: page.height + 2 * b))
            context.clip()
        }
        var drawer = PageDrawer(context: context, fonts: fonts, images: images, target: .pdf,
                                pageNumber: number, minimumImagePPI: options.minimumImagePPI)
        try drawer.draw(page.items)
        warnings += drawer.warnings
        context.restore()
        context.showPage()
        try context.check("finishing page \(number)")
        if compressContent { deflater.scan(sink.bytes) }
        layouts.append(layout)
    }

    /// Ends the file and returns its bytes (with page boxes for print, and page content
    /// deflated) and the warnings of every page.
    public func finish() throws -> (pdf: [UInt8], warnings: [RenderWarning]) {
        precondition(!finished, "PDFPageWriter.finish twice")
        finished = true
        // Every page is drawn: glyphs still being loaded (em-size metrics) are not needed
        // any more.
        preparationResult.abandon()
        preparation.wait()
        guard let surface else { throw RenderError.emptyDocument(title: title) }
        context = nil
        try surface.finish("PDF \(title)")
        var pdf = sink.bytes
        if compressContent {
            // The raw file Cairo wrote is a valid PDF: if the post-pass cannot read it, keep
            // it uncompressed rather than fail.
            do {
                pdf = try PDFStreamCompressor.compress(sink.bytes, precompressed: deflater.finish())
            } catch {
                warnings.append(RenderWarning(page: 0, owner: "", message: "page content left uncompressed: \(error)"))
            }
        }
        let boxes = layouts.compactMap { $0.map { PDFPageBoxes.Boxes(trim: $0.trimBox, bleed: $0.bleedBox) } }
        if !boxes.isEmpty {
            guard boxes.count == layouts.count else {
                throw RenderError.pdfPostProcess(detail: "print boxes for \(boxes.count) of \(layouts.count) pages")
            }
            pdf = try PDFPageBoxes.insert(boxes, into: pdf)
        }
        return (pdf, warnings)
    }

    /// Finishes and writes the file atomically to `path`.
    @discardableResult
    public func finish(writingTo path: String) throws -> [RenderWarning] {
        let (bytes, warnings) = try finish()
        try AtomicFile.write(bytes, to: path)
        return warnings
    }

    /// The surface is made with the first page's size (Cairo needs one), then resized per page.
    private func open(width: Double, height: Double) throws -> (CairoSurface, CairoContext) {
        if let surface, let context { return (surface, context) }
        let surface = try CairoSurface.pdf(into: sink, width: width, height: height)
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_TITLE, title)
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_CREATOR, creator)
        // Both dates come from the document: Cairo would otherwise stamp the clock.
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_CREATE_DATE, timestamp)
        surface.pdfSetMetadata(CAIRO_PDF_METADATA_MOD_DATE, timestamp)
        let context = try CairoContext(surface: surface)
        self.surface = surface
        self.context = context
        return (surface, context)
    }
}

/// The preparation task's error (read after it is waited for) and the caller's request to
/// stop it early.
private final class PreparationResult: @unchecked Sendable {
    var error: Error?
    private let lock = NSLock()
    private var abandoned = false
    func abandon() { lock.lock(); abandoned = true; lock.unlock() }
    var isAbandoned: Bool { lock.lock(); defer { lock.unlock() }; return abandoned }
}

/// Carries a non-Sendable value to exactly one other task.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
