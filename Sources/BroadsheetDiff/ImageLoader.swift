import Foundation

/// Turns a file into pages, choosing by content rather than by extension: baselines get
/// renamed, and a `.png` that is really a PDF should still be read, or refused clearly.
public enum ImageLoader {
    public enum Kind: Sendable { case png, pdf }

    /// Screen resolution is too coarse for 6 pt agate type; 150 dpi shows every glyph's shape
    /// while keeping a broadsheet page near 2300×3200 px, which diffs in tens of milliseconds.
    public static let defaultDPI = 150.0

    public static func kind(of path: String) throws -> Kind {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw DiffError.fileNotFound(path: path)
            }
            throw DiffError.unreadable(path: path, reason: isDirectory.boolValue ? "is a directory" : "permission denied")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 8)) ?? Data())
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        // PDF allows junk before the header within the first 1024 bytes.
        if let more = try? handle.read(upToCount: 1024),
           Data(head + [UInt8](more)).range(of: Data("%PDF-".utf8)) != nil {
            return .pdf
        }
        throw DiffError.unsupportedFormat(path: path)
    }

    /// All pages of a PNG (one) or a PDF (each rasterised at `dpi`).
    public static func pages(of path: String, dpi: Double = defaultDPI) throws -> [RasterImage] {
        guard dpi > 0, dpi.isFinite else { throw DiffError.invalidArgument("dpi must be a positive number, not \(dpi)") }
        switch try kind(of: path) {
        case .png:
            return [try readPNG(path)]
        case .pdf:
            let doc = try PopplerDocument(path: path)
            guard doc.pageCount > 0 else { throw DiffError.pdfHasNoPages(path: path) }
            return try (0..<doc.pageCount).map { try doc.render(page: $0, dpi: dpi) }
        }
    }

    /// Pages in a file without rendering any (a PNG is one page).
    public static func pageCount(of path: String) throws -> Int {
        switch try kind(of: path) {
        case .png: return 1
        case .pdf: return try PopplerDocument(path: path).pageCount
        }
    }

    public static func readPNG(_ path: String) throws -> RasterImage {
        if !FileManager.default.fileExists(atPath: path) { throw DiffError.fileNotFound(path: path) }
        return try CairoImageSurface(pngPath: path).raster()
    }
}

extension RasterImage {
    /// Reads a PNG through cairo.
    public init(pngPath: String) throws {
        self = try ImageLoader.readPNG(pngPath)
    }

    /// Writes a PNG atomically (temporary file, then rename).
    public func writePNG(to path: String) throws {
        try CairoImageSurface(raster: self).writePNG(to: path)
    }
}
