/// One straight-alpha RGBA pixel. Straight (not premultiplied) because pixelmatch's colour
/// distance is defined on straight values, and agreement with it is a requirement.
public struct RGBA8: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255) {
        self.r = r; self.g = g; self.b = b; self.a = a
    }
    public static let white = RGBA8(r: 255, g: 255, b: 255)
    public static let black = RGBA8(r: 0, g: 0, b: 0)
    public static let red = RGBA8(r: 255, g: 0, b: 0)
    public static let yellow = RGBA8(r: 255, g: 255, b: 0)
}

/// A size in device pixels, kept apart from layout's point-based geometry so that nobody
/// mixes the two units by accident.
public struct PixelSize: Hashable, Sendable, Codable, CustomStringConvertible {
    public var width: Int, height: Int
    public init(width: Int, height: Int) { self.width = width; self.height = height }
    public var area: Int { width * height }
    public var description: String { "\(width)×\(height) px" }
}

/// A rectangle in device pixels, origin top-left, half-open (`maxX` is one past the last column).
public struct PixelRect: Hashable, Sendable, Codable, CustomStringConvertible {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var area: Int { width * height }
    public func intersects(_ o: PixelRect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }
    public func union(_ o: PixelRect) -> PixelRect {
        let nx = min(x, o.x), ny = min(y, o.y)
        return PixelRect(x: nx, y: ny, width: max(maxX, o.maxX) - nx, height: max(maxY, o.maxY) - ny)
    }
    public var description: String { "\(width)×\(height) px at (\(x), \(y))" }
}

/// A decoded page: what every comparison works on, whatever the file it came from.
/// A value type with one contiguous byte array so that rows can be handed to worker
/// threads as raw pointers without copying and without any C object staying alive.
public struct RasterImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// RGBA8, straight alpha, row-major, no row padding: `pixels.count == width * height * 4`.
    public private(set) var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "negative image size")
        precondition(pixels.count == width * height * 4, "pixel buffer does not match \(width)×\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public init(width: Int, height: Int, fill: RGBA8 = .white) {
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for i in stride(from: 0, to: bytes.count, by: 4) {
            bytes[i] = fill.r; bytes[i + 1] = fill.g; bytes[i + 2] = fill.b; bytes[i + 3] = fill.a
        }
        self.init(width: width, height: height, pixels: bytes)
    }

    public var size: PixelSize { PixelSize(width: width, height: height) }

    public subscript(x: Int, y: Int) -> RGBA8 {
        get {
            let i = (y * width + x) * 4
            return RGBA8(r: pixels[i], g: pixels[i + 1], b: pixels[i + 2], a: pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            pixels[i] = newValue.r; pixels[i + 1] = newValue.g
            pixels[i + 2] = newValue.b; pixels[i + 3] = newValue.a
        }
    }

    /// Fills a rectangle, clipped to the image. Tests and the report use it to draw marks.
    public mutating func fill(_ rect: PixelRect, with colour: RGBA8) {
        let x0 = max(rect.x, 0), x1 = min(rect.maxX, width)
        let y0 = max(rect.y, 0), y1 = min(rect.maxY, height)
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 { for x in x0..<x1 { self[x, y] = colour } }
    }

    /// The top-left `size` part of the image; used to diff pages of different sizes over
    /// their common area.
    public func cropped(to size: PixelSize) -> RasterImage {
        let w = min(size.width, width), h = min(size.height, height)
        if w == width && h == height { return self }
        var out = [UInt8]()
        out.reserveCapacity(w * h * 4)
        for y in 0..<h {
            let start = y * width * 4
            out.append(contentsOf: pixels[start..<(start + w * 4)])
        }
        return RasterImage(width: w, height: h, pixels: out)
    }
}
