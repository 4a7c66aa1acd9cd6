import BroadsheetDisplay
import CCairo

/// Draws a display document to PDF with Cairo.
///
/// A renderer caches decoded images for its lifetime, so render a whole issue with one
/// renderer. Fonts are loaded per document, each cut down to the glyphs the document draws
/// (see FontSubsetter). It is not Sendable: FreeType faces and Cairo image surfaces must not
/// be shared between threads, so give each concurrent task its own renderer.
public struct PDFRenderer {
    private let images: ImageCache
    /// Off only in tests, to compare against what Cairo embeds from the full face.
    private let subsetFonts: Bool

    public init() { self.init(subsetFonts: true) }

    init(subsetFonts: Bool) {
        images = ImageCache()
        self.subsetFonts = subsetFonts
    }

    /// Renders `document` and writes it atomically to `path`. Returns warnings (low image
    /// resolution, skipped items) instead of printing them.
    @discardableResult
    public func write(_ document: DisplayDocument, to path: String,
                      options: RenderOptions = RenderOptions()) throws -> [RenderWarning] {
        let (bytes, warnings) = try render(document, options: options)
        try AtomicFile.write(bytes, to: path)
        return warnings
    }

    /// Renders `document` to PDF bytes in memory.
    public func render(_ document: DisplayDocument,
                       options: RenderOptions = RenderOptions()) throws -> (pdf: [UInt8], warnings: [RenderWarning]) {
        guard !document.pages.isEmpty else { throw RenderError.emptyDocument(title: document.title) }
        for (index, page) in document.pages.enumerated() {
            guard page.width > 0, page.height > 0, page.width.isFinite, page.height.isFinite else {
                throw RenderError.invalidPageSize(page: index + 1, width: page.width, height: page.height)
            }
        }
        let writer = try PDFPageWriter(title: document.title, creator: document.creator, date: document.date,
                                       glyphs: GlyphManifest(document), options: options,
                                       images: images, subsetFonts: subsetFonts)
        for page in document.pages { try writer.add(page) }
        return try writer.finish()
    }
}
