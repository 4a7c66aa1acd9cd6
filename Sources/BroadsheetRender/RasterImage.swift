/// A rendered page in memory: straight (non-premultiplied) RGBA, 8 bits per channel, rows
/// top to bottom without padding. Plain bytes so an image-diff tool can compare pages
/// without knowing Cairo's native-endian premultiplied layout.
public struct RasterImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var rgba: [UInt8]

    public init(width: Int, height: Int, rgba: [UInt8]) {
        precondition(rgba.count == width * height * 4, "RGBA buffer size mismatch")
        self.width = width; self.height = height; self.rgba = rgba
    }

    /// The RGBA value at (x, y).
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = (y * width + x) * 4
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }
}

extension RasterImage {
    /// Copies an ARGB32 Cairo surface (premultiplied, native-endian 32-bit words).
    init(surface: CairoSurface) {
        let width = surface.imageWidth, height = surface.imageHeight
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        surface.withPixels { data, stride in
            for y in 0..<height {
                let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<width {
                    let word = row[x]
                    let a = UInt32(word >> 24)
                    var r = (word >> 16) & 0xFF, g = (word >> 8) & 0xFF, b = word & 0xFF
                    if a != 0 && a != 255 {
                        r = min(255, (r * 255 + a / 2) / a)
                        g = min(255, (g * 255 + a / 2) / a)
                        b = min(255, (b * 255 + a / 2) / a)
                    }
                    let i = (y * width + x) * 4
                    rgba[i] = UInt8(r); rgba[i + 1] = UInt8(g); rgba[i + 2] = UInt8(b); rgba[i + 3] = UInt8(a)
                }
            }
        }
        self.init(width: width, height: height, rgba: rgba)
    }
}
