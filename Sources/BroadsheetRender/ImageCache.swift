import BroadsheetDisplay

/// Decodes each image once per renderer: a logo or a repeated ad appears on many pages, and
/// reusing the same Cairo surface also lets the PDF embed it once.
final class ImageCache {
    private var images: [ImageSource: LoadedImage] = [:]
    private var pdfs: [String: PopplerPDF] = [:]

    func image(_ source: ImageSource) throws -> LoadedImage {
        if let image = images[source] { return image }
        let image: LoadedImage
        switch source {
        case .jpeg(let path): image = try .jpeg(path: path)
        case .png(let path): image = try .png(path: path)
        case .pdf(let path, let page): image = .pdfPage(try pdf(path).page(page))
        }
        images[source] = image
        return image
    }

    private func pdf(_ path: String) throws -> PopplerPDF {
        if let pdf = pdfs[path] { return pdf }
        try requireImageFile(path)
        let pdf = try PopplerPDF(path: path)
        pdfs[path] = pdf
        return pdf
    }
}
