import BroadsheetPoppler

/// A PDF read with poppler. Advertisements arrive as PDF and must stay vector: poppler
/// draws the page through our cairo_t, so the ad's text and outlines land in our PDF as
/// text and outlines.
final class PopplerPDF {
    private let file: PopplerFile
    let path: String

    init(path: String) throws {
        self.path = path
        do {
            file = try PopplerFile(path: path)
        } catch {
            throw RenderError.imageDecode(path: path, detail: error.description)
        }
    }

    var pageCount: Int { file.pageCount }

    /// `number` counts from 1, as page numbers do on an ad booking.
    func page(_ number: Int) throws -> PopplerPDFPage {
        guard let page = file.page(at: number - 1) else {
            throw RenderError.pdfPageOutOfRange(path: path, page: number, pageCount: pageCount)
        }
        return PopplerPDFPage(page: page)
    }

    /// Every font the document uses, as poppler sees it: the check a printing plant's
    /// preflight makes (embedded, subset) on the file we actually wrote.
    func fonts() -> [PDFFontInfo] {
        file.fonts().map { PDFFontInfo(name: $0.name, embedded: $0.embedded, subset: $0.subset) }
    }
}

/// One page of an ad's PDF.
final class PopplerPDFPage {
    private let page: PopplerFilePage

    init(page: PopplerFilePage) { self.page = page }

    /// Page size in points as poppler renders it (crop box, rotation applied).
    var size: (width: Double, height: Double) { page.size }

    /// Draws the page as vectors into `context` at the current transformation, top-left
    /// at the origin, one unit per point.
    func render(into context: CairoContext) {
        context.withRawContext { page.render(cairo: $0) }
    }
}
