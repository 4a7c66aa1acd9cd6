/// Colour distance of Kotsarenko & Ramos (2010) in NTSC YIQ space, as pixelmatch uses it.
/// Pixels travel as one little-endian `UInt32` (bytes R, G, B, A) so that the common case,
/// two identical pixels, is a single integer compare.
enum YIQ {
    /// The largest possible value of `delta` (black against white); thresholds are shares of it.
    static let maxDelta = 35215.0

    static let opaqueWhite: UInt32 = 0xFFFF_FFFF
    static let opaqueBlack: UInt32 = 0xFF00_0000
    /// Computed with the same formula, so the shortcut gives bit-identical results.
    static let whiteBrightness = y(255, 255, 255)

    @inline(__always) static func y(_ r: Double, _ g: Double, _ b: Double) -> Double {
        r * 0.29889531 + g * 0.58662247 + b * 0.11448223
    }
    @inline(__always) static func i(_ r: Double, _ g: Double, _ b: Double) -> Double {
        r * 0.59597799 - g * 0.27417610 - b * 0.32180189
    }
    @inline(__always) static func q(_ r: Double, _ g: Double, _ b: Double) -> Double {
        r * 0.21147017 - g * 0.52261711 + b * 0.31114694
    }

    /// Semi-transparent colours are judged as seen on white paper.
    @inline(__always) static func blendWithWhite(_ c: Double, _ a: Double) -> Double {
        255 + (c - 255) * a
    }

    @inline(__always) static func channels(_ p: UInt32) -> (Double, Double, Double) {
        let r = Double(p & 0xFF), g = Double((p >> 8) & 0xFF), b = Double((p >> 16) & 0xFF)
        let a = p >> 24
        if a == 255 { return (r, g, b) }
        let f = Double(a) / 255
        return (blendWithWhite(r, f), blendWithWhite(g, f), blendWithWhite(b, f))
    }

    /// Weighted squared YIQ distance; 0 for equal pixels.
    @inline(__always) static func delta(_ p1: UInt32, _ p2: UInt32) -> Double {
        if p1 == p2 { return 0 }
        let (r1, g1, b1) = channels(p1), (r2, g2, b2) = channels(p2)
        let dy = y(r1, g1, b1) - y(r2, g2, b2)
        let di = i(r1, g1, b1) - i(r2, g2, b2)
        let dq = q(r1, g1, b1) - q(r2, g2, b2)
        return 0.5053 * dy * dy + 0.299 * di * di + 0.1957 * dq * dq
    }

    /// Brightness (Y) of a pixel as seen on white; `antialiased` compares neighbours by it.
    /// Computed per pixel and subtracted afterwards, which gives bit-for-bit the reference's
    /// `y(p1) - y(p2)` while computing the centre's Y once instead of eight times.
    @inline(__always) static func brightness(_ p: UInt32) -> Double {
        // Paper and solid ink are most of any page's neighbours: skip the arithmetic for them.
        if p == opaqueWhite { return whiteBrightness }
        if p == opaqueBlack { return 0 }
        let (r, g, b) = channels(p)
        return y(r, g, b)
    }

    /// Brightness of `count` pixels starting at `pixels`, written to `out`: one row of the
    /// luma plane that the anti-aliasing detector reads. Computing a row at once (instead of
    /// eight neighbours per suspect pixel, over and over) is what makes a shifted page cheap:
    /// each text pixel's Y is then computed once per image instead of up to ~16 times.
    /// Bit-identical to `brightness`: the same formula on the same doubles, and the white and
    /// black shortcuts there only skip arithmetic that gives the same values.
    static func brightnessRow(_ pixels: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Double>) {
        var last: UInt32 = opaqueWhite, lastY = whiteBrightness
        for i in 0..<count {
            let p = UInt32(littleEndian: pixels.load(fromByteOffset: i * 4, as: UInt32.self))
            // Runs of paper (or of one ink) are most of a row: reuse the last value for them.
            if p != last {
                last = p
                lastY = brightness(p)
            }
            out[i] = lastY
        }
    }

    /// Grey level of a pixel faded towards white, for the diff image's background.
    @inline(__always) static func fadedGrey(_ p: UInt32, alpha: Double) -> UInt8 {
        let r = Double(p & 0xFF), g = Double((p >> 8) & 0xFF), b = Double((p >> 16) & 0xFF)
        let a = Double(p >> 24)
        let v = blendWithWhite(y(r, g, b), alpha * a / 255)
        return UInt8(min(255, max(0, v)))  // truncation, as pixelmatch's int()
    }
}
