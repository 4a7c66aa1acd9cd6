import CCairo
import Foundation

/// Owns one cairo image surface. Cairo pointers never leave this class: callers get a
/// `RasterImage` copy, so no C lifetime rule leaks into the rest of the module.
final class CairoImageSurface {
    let surface: OpaquePointer

    private init(owning surface: OpaquePointer) { self.surface = surface }

    deinit { cairo_surface_destroy(surface) }

    /// A blank ARGB32 surface (transparent black, as cairo creates it).
    convenience init(width: Int, height: Int) throws {
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw DiffError.invalidArgument("cannot create a \(width)×\(height) px image")
        }
        self.init(owning: s)
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DiffError.invalidArgument("cannot create a \(width)×\(height) px image: \(Self.message(status))")
        }
    }

    /// Decodes a PNG. Cairo may hand back RGB24, A8 or other formats depending on the file;
    /// anything but ARGB32/RGB24 is painted onto an ARGB32 surface so that one reader serves all.
    convenience init(pngPath path: String) throws {
        guard let s = cairo_image_surface_create_from_png(path) else {
            throw DiffError.unreadable(path: path, reason: "cairo returned no surface")
        }
        let status = cairo_surface_status(s)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            if status == CAIRO_STATUS_FILE_NOT_FOUND { throw DiffError.fileNotFound(path: path) }
            throw DiffError.unreadable(path: path, reason: Self.message(status))
        }
        let format = cairo_image_surface_get_format(s)
        if format == CAIRO_FORMAT_ARGB32 || format == CAIRO_FORMAT_RGB24 {
            self.init(owning: s)
            return
        }
        let loaded = CairoImageSurface(owning: s)
        try self.init(width: Int(cairo_image_surface_get_width(s)), height: Int(cairo_image_surface_get_height(s)))
        let cr = cairo_create(surface)
        cairo_set_source_surface(cr, loaded.surface, 0, 0)
        cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cr)
        cairo_destroy(cr)
    }

    /// Copies a raster into a new ARGB32 surface (premultiplying), for PNG writing.
    convenience init(raster: RasterImage) throws {
        try self.init(width: raster.width, height: raster.height)
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let width = raster.width
        raster.pixels.withUnsafeBufferPointer { src in
            let srcBase = SendablePointer(UnsafeMutablePointer(mutating: src.baseAddress!))
            let dst = SendableRawPointer(UnsafeMutableRawPointer(data))
            parallelRows(raster.height) { rows in
                let srcBase = srcBase.pointer
                for y in rows {
                    let row = dst.pointer + y * stride
                    for x in 0..<width {
                        let i = (y * width + x) * 4
                        let a = UInt32(srcBase[i + 3])
                        let r = premultiply(srcBase[i], a), g = premultiply(srcBase[i + 1], a)
                        let b = premultiply(srcBase[i + 2], a)
                        row.storeBytes(of: a << 24 | r << 16 | g << 8 | b, toByteOffset: x * 4, as: UInt32.self)
                    }
                }
            }
        }
        cairo_surface_mark_dirty(surface)
    }

    var width: Int { Int(cairo_image_surface_get_width(surface)) }
    var height: Int { Int(cairo_image_surface_get_height(surface)) }

    /// Reads the surface back as straight RGBA. ARGB32 is native-endian premultiplied; RGB24
    /// ignores its top byte, which we report as opaque.
    func raster() -> RasterImage {
        cairo_surface_flush(surface)
        let w = width, h = height
        let opaque = cairo_image_surface_get_format(surface) == CAIRO_FORMAT_RGB24
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard w > 0, h > 0, let data = cairo_image_surface_get_data(surface) else {
            return RasterImage(width: w, height: h, pixels: [UInt8](repeating: 0, count: w * h * 4))
        }
        let src = SendableRawPointer(UnsafeMutableRawPointer(data))
        let bytes = [UInt8](unsafeUninitializedCapacity: w * h * 4) { buffer, count in
            let out = SendablePointer(buffer.baseAddress!)
            parallelRows(h) { rows in
                for y in rows {
                    let row = src.pointer + y * stride
                    let outRow = UnsafeMutableRawPointer(out.pointer + y * w * 4)
                    for x in 0..<w {
                        let v = row.load(fromByteOffset: x * 4, as: UInt32.self)
                        let a = opaque ? 255 : UInt8(truncatingIfNeeded: v >> 24)
                        if a == 255 {
                            // Opaque, by far the common case: reorder the bytes in one store.
                            let rgba = (v >> 16) & 0xFF | v & 0xFF00 | (v & 0xFF) << 16 | 0xFF00_0000
                            outRow.storeBytes(of: rgba.littleEndian, toByteOffset: x * 4, as: UInt32.self)
                            continue
                        }
                        let o = out.pointer + (y * w + x) * 4
                        o[0] = unpremultiply(UInt8(truncatingIfNeeded: v >> 16), a)
                        o[1] = unpremultiply(UInt8(truncatingIfNeeded: v >> 8), a)
                        o[2] = unpremultiply(UInt8(truncatingIfNeeded: v), a)
                        o[3] = a
                    }
                }
            }
            count = w * h * 4
        }
        return RasterImage(width: w, height: h, pixels: bytes)
    }

    /// Writes a PNG next to its destination first and renames it into place, so a reader
    /// (or a crashed run) never sees a half-written baseline.
    func writePNG(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiffError.writeFailed(path: path, reason: "folder \(folder) does not exist")
        }
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let status = cairo_surface_write_to_png(surface, temp)
        guard status == CAIRO_STATUS_SUCCESS else {
            unlink(temp)
            throw DiffError.writeFailed(path: path, reason: Self.message(status))
        }
        guard rename(temp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temp)
            throw DiffError.writeFailed(path: path, reason: reason)
        }
    }

    static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

@inline(__always)
private func premultiply(_ c: UInt8, _ a: UInt32) -> UInt32 {
    if a == 255 { return UInt32(c) }
    // Rounded c·a/255, the same rounding cairo uses, so straight → premultiplied → straight
    // is lossless for opaque pixels and as close as 8 bits allow for the rest.
    let t = UInt32(c) * a + 128
    return (t + (t >> 8)) >> 8
}

@inline(__always)
private func unpremultiply(_ c: UInt8, _ a: UInt8) -> UInt8 {
    if a == 255 { return c }
    if a == 0 { return 0 }
    return UInt8(min(255, (UInt32(c) * 255 + UInt32(a) / 2) / UInt32(a)))
}
