import Foundation

/// poppler-glib, opened with `dlopen` the first time a PDF has to be read.
///
/// Linking poppler-glib made every run of `broadsheet` pay for loading and relocating it and
/// the 27 libraries it pulls in (libpoppler, GLib, NSS, lcms, …): about 8 ms of a 20 ms
/// start-up, measured with hyperfine, on every command. Only PDF ads, preflight and `diff`
/// on PDFs read PDFs, so the library is resolved on first use instead. The handful of
/// functions used are declared here with their C signatures from poppler-glib's headers
/// (poppler-document.h, poppler-page.h; GLib's gerror.h and gconvert.h).
struct PopplerLibrary: @unchecked Sendable {
    typealias DocumentNewFromFile = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?,
                                                    UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?
    typealias DocumentGetNPages = @convention(c) (OpaquePointer?) -> Int32
    typealias DocumentGetPage = @convention(c) (OpaquePointer?, Int32) -> OpaquePointer?
    typealias PageGetSize = @convention(c) (OpaquePointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?) -> Void
    typealias PageRender = @convention(c) (OpaquePointer?, OpaquePointer?) -> Void
    typealias FontInfoNew = @convention(c) (OpaquePointer?) -> OpaquePointer?
    typealias FontInfoScan = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    typealias Free = @convention(c) (OpaquePointer?) -> Void
    typealias IterGetName = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    typealias IterFlag = @convention(c) (OpaquePointer?) -> Int32
    typealias FilenameToURI = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?,
                                              UnsafeMutablePointer<OpaquePointer?>?) -> UnsafeMutablePointer<CChar>?
    typealias GFree = @convention(c) (UnsafeMutableRawPointer?) -> Void

    let documentNewFromFile: DocumentNewFromFile
    let documentGetNPages: DocumentGetNPages
    let documentGetPage: DocumentGetPage
    let pageGetSize: PageGetSize
    let pageRender: PageRender
    let fontInfoNew: FontInfoNew
    let fontInfoScan: FontInfoScan
    let fontInfoFree: Free
    let fontsIterGetName: IterGetName
    let fontsIterIsEmbedded: IterFlag
    let fontsIterIsSubset: IterFlag
    let fontsIterNext: IterFlag
    let fontsIterFree: Free
    let objectUnref: GFree
    let errorFree: Free
    let filenameToURI: FilenameToURI
    let gFree: GFree

    /// The name Debian's libpoppler-glib8 installs (poppler-glib's ABI has kept it since
    /// 0.18); Homebrew's on macOS.
    #if os(macOS)
    static let soname = "libpoppler-glib.8.dylib"
    #else
    static let soname = "libpoppler-glib.so.8"
    #endif

    /// Loaded once per process; the handle is never closed (GObject types cannot be
    /// unregistered, so unloading poppler-glib is unsafe anyway).
    static let shared: Result<PopplerLibrary, PopplerError> = Result { () throws(PopplerError) in try PopplerLibrary() }

    static func load() throws(PopplerError) -> PopplerLibrary { try shared.get() }

    private init() throws(PopplerError) {
        guard let handle = dlopen(Self.soname, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw PopplerError("cannot load \(Self.soname) (install libpoppler-glib8): \(reason)")
        }
        func symbol<T>(_ name: String, as type: T.Type) throws(PopplerError) -> T {
            // dlsym on poppler-glib's handle also searches its dependencies (GLib, GObject).
            guard let address = dlsym(handle, name) else {
                throw PopplerError("\(Self.soname) has no symbol \(name)")
            }
            return unsafeBitCast(address, to: type)
        }
        documentNewFromFile = try symbol("poppler_document_new_from_file", as: DocumentNewFromFile.self)
        documentGetNPages = try symbol("poppler_document_get_n_pages", as: DocumentGetNPages.self)
        documentGetPage = try symbol("poppler_document_get_page", as: DocumentGetPage.self)
        pageGetSize = try symbol("poppler_page_get_size", as: PageGetSize.self)
        pageRender = try symbol("poppler_page_render", as: PageRender.self)
        fontInfoNew = try symbol("poppler_font_info_new", as: FontInfoNew.self)
        fontInfoScan = try symbol("poppler_font_info_scan", as: FontInfoScan.self)
        fontInfoFree = try symbol("poppler_font_info_free", as: Free.self)
        fontsIterGetName = try symbol("poppler_fonts_iter_get_name", as: IterGetName.self)
        fontsIterIsEmbedded = try symbol("poppler_fonts_iter_is_embedded", as: IterFlag.self)
        fontsIterIsSubset = try symbol("poppler_fonts_iter_is_subset", as: IterFlag.self)
        fontsIterNext = try symbol("poppler_fonts_iter_next", as: IterFlag.self)
        fontsIterFree = try symbol("poppler_fonts_iter_free", as: Free.self)
        objectUnref = try symbol("g_object_unref", as: GFree.self)
        errorFree = try symbol("g_error_free", as: Free.self)
        filenameToURI = try symbol("g_filename_to_uri", as: FilenameToURI.self)
        gFree = try symbol("g_free", as: GFree.self)
    }

    /// The message of a GError, which is then freed. GError is `{ GQuark domain; gint code;
    /// gchar *message; }`: the message pointer follows two 32-bit fields.
    func consume(_ error: OpaquePointer?) -> String {
        guard let error else { return "unknown poppler error" }
        defer { errorFree(error) }
        let message = UnsafeRawPointer(error).load(fromByteOffset: 8, as: UnsafePointer<CChar>?.self)
        return message.map { String(cString: $0) } ?? "unknown poppler error"
    }
}

/// Why poppler could not open or read a file; callers add the file and the JSON path.
public struct PopplerError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
