import CCairo
import Foundation

/// A decoded image ready to draw: raster pixels (with the original JPEG attached for PDF
/// output) or a vector PDF page.
enum LoadedImage {
    case raster(CairoSurface)
    case pdfPage(PopplerPDFPage)

    /// The image's own coordinate size: pixels for raster, points for PDF pages.
    var size: (width: Double, height: Double) {
        switch self {
        case .raster(let surface): (Double(surface.imageWidth), Double(surface.imageHeight))
        case .pdfPage(let page): page.size
        }
    }
}

extension LoadedImage {
    /// Decodes a JPEG for raster output and attaches the untouched file bytes, so Cairo's PDF
    /// surface embeds the original JPEG (DCTDecode) rather than re-encoding pixels: no
    /// generation loss on photos, and the PDF stays the size of the source files.
    static func jpeg(path: String) throws -> LoadedImage {
        let bytes = try readImageFile(path)
        let decoded = try JPEGCodec.decode(bytes, path: path)
        let surface = try CairoSurface.image(width: decoded.width, height: decoded.height, format: CAIRO_FORMAT_RGB24)
        surface.withMutablePixels { data, stride in
            decoded.pixels.withUnsafeBufferPointer { src in
                let n = decoded.components
                for y in 0..<decoded.height {
                    let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    let srcRow = y * decoded.width * n
                    for x in 0..<decoded.width {
                        let p = srcRow + x * n
                        let (r, g, b) = rgb(src, p, decoded.colorSpace)
                        row[x] = 0xFF00_0000 | UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
                    }
                }
            }
        }
        try surface.setMimeData(CAIRO_MIME_TYPE_JPEG, bytes: bytes)
        try surface.setMimeData(CAIRO_MIME_TYPE_UNIQUE_ID, bytes: Array(path.utf8))
        return .raster(surface)
    }

    static func png(path: String) throws -> LoadedImage {
        try requireImageFile(path) // a clear "not found" instead of Cairo's generic status
        let surface = try CairoSurface.png(path: path)
        try surface.setMimeData(CAIRO_MIME_TYPE_UNIQUE_ID, bytes: Array(path.utf8))
        return .raster(surface)
    }

    /// Converts one decoded pixel to RGB. CMYK uses the naive complement: good enough for a
    /// screen proof, while the PDF carries the original CMYK JPEG untouched.
    private static func rgb(_ src: UnsafeBufferPointer<UInt8>, _ p: Int,
                            _ space: DecodedJPEG.ColorSpace) -> (UInt8, UInt8, UInt8) {
        switch space {
        case .gray: return (src[p], src[p], src[p])
        case .rgb: return (src[p], src[p + 1], src[p + 2])
        case .cmyk(let inverted):
            var c = Int(src[p]), m = Int(src[p + 1]), y = Int(src[p + 2]), k = Int(src[p + 3])
            if !inverted { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k }
            // Inverted (Adobe) values are already 255 - ink.
            return (UInt8(c * k / 255), UInt8(m * k / 255), UInt8(y * k / 255))
        }
    }
}

/// Reads an image file whole, mapping "does not exist" to its own error so the message
/// says which file is missing rather than a generic I/O status.
func readImageFile(_ path: String) throws -> [UInt8] {
    try requireImageFile(path)
    guard let data = FileManager.default.contents(atPath: path) else {
        throw RenderError.imageDecode(path: path, detail: "cannot read file")
    }
    return [UInt8](data)
}

func requireImageFile(_ path: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        throw RenderError.imageMissing(path: path)
    }
}
