import Foundation

/// Owns one PopplerDocument (a GObject, released with g_object_unref). Pages come out as
/// `PopplerFilePage`, which keeps the document alive; no poppler pointer leaves this module.
public final class PopplerFile {
    private let library: PopplerLibrary
    private let document: OpaquePointer
    public let path: String

    public init(path: String) throws(PopplerError) {
        let library = try PopplerLibrary.load()
        self.library = library
        self.path = path
        // GLib builds file URIs from absolute paths only; issue files name ads relative to
        // themselves, so resolve against the working directory first. Not standardised: a
        // lexical ".." fold would differ from the kernel's when a directory is a symlink.
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var error: OpaquePointer?
        guard let uri = library.filenameToURI(absolute, nil, &error) else {
            throw PopplerError(library.consume(error))
        }
        defer { library.gFree(uri) }
        guard let document = library.documentNewFromFile(uri, nil, &error) else {
            throw PopplerError(library.consume(error))
        }
        self.document = document
    }

    deinit { library.objectUnref(UnsafeMutableRawPointer(document)) }

    public var pageCount: Int { Int(library.documentGetNPages(document)) }

    /// `index` counts from 0; nil when the page does not exist.
    public func page(at index: Int) -> PopplerFilePage? {
        guard index >= 0, index < pageCount, let page = library.documentGetPage(document, Int32(index)) else { return nil }
        return PopplerFilePage(page: page, file: self, library: library)
    }

    /// Every font the document uses, as poppler sees it: name, embedded, subset.
    public func fonts() -> [(name: String, embedded: Bool, subset: Bool)] {
        guard let info = library.fontInfoNew(document) else { return [] }
        defer { library.fontInfoFree(info) }
        var out: [(name: String, embedded: Bool, subset: Bool)] = []
        var iter: OpaquePointer?
        while library.fontInfoScan(info, Int32(pageCount), &iter) != 0 {
            guard let it = iter else { continue }
            repeat {
                let name = library.fontsIterGetName(it).map { String(cString: $0) } ?? "(unnamed)"
                out.append((name, library.fontsIterIsEmbedded(it) != 0, library.fontsIterIsSubset(it) != 0))
            } while library.fontsIterNext(it) != 0
            library.fontsIterFree(it)
            iter = nil
        }
        return out
    }
}

/// Owns one PopplerPage and keeps its document alive (a page must not outlive it).
public final class PopplerFilePage {
    private let page: OpaquePointer
    private let file: PopplerFile
    private let library: PopplerLibrary

    init(page: OpaquePointer, file: PopplerFile, library: PopplerLibrary) {
        self.page = page
        self.file = file
        self.library = library
    }

    deinit { library.objectUnref(UnsafeMutableRawPointer(page)) }

    /// Page size in points as poppler renders it (crop box, rotation applied).
    public var size: (width: Double, height: Double) {
        var w = 0.0, h = 0.0
        library.pageGetSize(page, &w, &h)
        return (w, h)
    }

    /// Draws the page as vectors through `cairo` (a `cairo_t *`, borrowed for the call) at
    /// its current transformation, top-left at the origin, one unit per point.
    public func render(cairo: OpaquePointer) {
        library.pageRender(page, cairo)
    }
}
