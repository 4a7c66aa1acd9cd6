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
        let timestamp = try PDFDate.timestamp(fromISODate: document.date)
        for (index, page) in document.pages.enumerated() {
            guard page.width > 0, page.height > 0, page.width.isFinite, page.height.isFinite else {
                throw RenderError.invalidPageSize(page: index + 1, width: page.width, height: page.height)
            }
        }
        let layouts = document.pages.map { page in
            options.print.map { PrintLayout(geometry: $0, trimWidth: page.width, trimHeight: page.height) }
        }
        func mediaSize(_ i: Int) -> (Double, Double) {
            layouts[i].map { ($0.mediaWidth, $0.mediaHeight) } ?? (document.pages[i].width, document.pages[i].height)
        }

        // Fonts are per document: each face is pre-subset to the glyphs this document draws.
        let inventory = GlyphInventory(document)
        let fonts = FontCache(subsetting: subsetFonts ? inventory.byFont : [:])
        let preloader = GlyphPreloader(try inventory.keys.indices.map { k in
            let key = inventory.keys[k]
            let face = try fonts.cairoFace(key.font)
            let subset = fonts.subset(of: key.font)
            let glyphs = subset.map { s in inventory.inOrder[k].map { s.glyphID($0) } } ?? inventory.inOrder[k]
            return (face: face, size: key.size, glyphs: glyphs)
        })
        defer { preloader.wait() }
        let compressContent = PDFStreamCompressor.ownsContentCompression
        let sink = ByteSink()
        var warnings: [RenderWarning] = []
        do {
            let first = mediaSize(0)
            let surface = try CairoSurface.pdf(into: sink, width: first.0, height: first.1)
            surface.pdfSetMetadata(CAIRO_PDF_METADATA_TITLE, document.title)
            surface.pdfSetMetadata(CAIRO_PDF_METADATA_CREATOR, document.creator)
            // Both dates come from the document: Cairo would otherwise stamp the clock.
            surface.pdfSetMetadata(CAIRO_PDF_METADATA_CREATE_DATE, timestamp)
            surface.pdfSetMetadata(CAIRO_PDF_METADATA_MOD_DATE, timestamp)
            let context = try CairoContext(surface: surface)
            for (index, page) in document.pages.enumerated() {
                let size = mediaSize(index)
                surface.pdfSetSize(width: size.0, height: size.1)
                if !page.label.isEmpty { surface.pdfSetPageLabel(page.label) }
                context.save()
                if let layout = layouts[index] {
                    layout.drawMarks(context)
                    context.translate(layout.margin, layout.margin)
                    // Content may run into the bleed but never into the marks.
                    let b = layout.geometry.bleed
                    context.newPath()
                    context.rectangle(Rect(x: -b, y: -b, width: page.width + 2 * b, height: page.height + 2 * b))
                    context.clip()
                }
                var drawer = PageDrawer(context: context, fonts: fonts, images: images, target: .pdf,
                                        pageNumber: index + 1, minimumImagePPI: options.minimumImagePPI)
                try drawer.draw(page.items)
                warnings += drawer.warnings
                context.restore()
                context.showPage()
                try context.check("finishing page \(index + 1)")
            }
            try surface.finish("PDF \(document.title)")
        }
        var pdf = compressContent ? try PDFStreamCompressor.compress(sink.bytes) : sink.bytes
        if layouts.contains(where: { $0 != nil }) {
            let boxes = layouts.map { layout in
                PDFPageBoxes.Boxes(trim: layout!.trimBox, bleed: layout!.bleedBox)
            }
            pdf = try PDFPageBoxes.insert(boxes, into: pdf)
        }
        return (pdf, warnings)
    }
}
