/// Every failure names the file it concerns, because the CLI prints exactly one line and a
/// publisher running a batch must see at once which input was bad.
public enum DiffError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case unsupportedFormat(path: String)
    case pdfHasNoPages(path: String)
    case writeFailed(path: String, reason: String)
    case invalidPageName(String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): return "cannot read \(path): file not found"
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .unsupportedFormat(let path): return "cannot read \(path): neither a PNG nor a PDF file"
        case .pdfHasNoPages(let path): return "cannot read \(path): the PDF has no pages"
        case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
        case .invalidPageName(let name):
            return "invalid page name \"\(name)\": it becomes a file name, so it must be non-empty and contain no '/' and not start with '.'"
        case .invalidArgument(let message): return message
        }
    }
}
