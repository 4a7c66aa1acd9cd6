import Foundation

/// Every failure names the file or display item involved, because a renderer is run over a
/// whole issue: "image not found" without a path leaves an editor hunting through 40 pages.
public enum RenderError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case fontLoad(path: String, faceIndex: Int, detail: String)
    case imageMissing(path: String)
    case imageDecode(path: String, detail: String)
    case imageUnsupported(path: String, detail: String)
    case pdfPageOutOfRange(path: String, page: Int, pageCount: Int)
    case invalidGlyphRun(owner: String, detail: String)
    case invalidDate(String)
    case invalidPageSize(page: Int, width: Double, height: Double)
    case emptyDocument(title: String)
    case cairo(operation: String, status: String)
    case write(path: String, detail: String)
    case pdfPostProcess(detail: String)
    /// An image error, with the input field that named the image.
    indirect case image(origin: String, RenderError)

    public var description: String {
        switch self {
        case let .fontLoad(path, index, detail):
            return "cannot load font \(path) (face \(index)): \(detail)"
        case let .imageMissing(path):
            return "image file not found: \(path)"
        case let .imageDecode(path, detail):
            return "cannot decode image \(path): \(detail)"
        case let .imageUnsupported(path, detail):
            return "unsupported image \(path): \(detail)"
        case let .pdfPageOutOfRange(path, page, count):
            return "PDF \(path) has \(count) page(s); page \(page) requested (pages count from 1)"
        case let .invalidGlyphRun(owner, detail):
            return "invalid glyph run (owner '\(owner)'): \(detail)"
        case let .invalidDate(date):
            return "document date '\(date)' is not an ISO date YYYY-MM-DD"
        case let .invalidPageSize(page, w, h):
            return "page \(page) has invalid size \(w) × \(h) pt"
        case let .emptyDocument(title):
            return "document '\(title)' has no pages"
        case let .cairo(operation, status):
            return "cairo failed in \(operation): \(status)"
        case let .write(path, detail):
            return "cannot write \(path): \(detail)"
        case let .pdfPostProcess(detail):
            return "cannot post-process the PDF Cairo wrote (print boxes, stream compression): \(detail)"
        case let .image(origin, error):
            return "\(origin): \(error)"
        }
    }

    public var errorDescription: String? { description }
}
