import Testing
@testable import BroadsheetDiff

/// The comparison's inner loops are optimised (precomputed luma rows, separate interior and
/// border paths, branch-free sibling counts); this suite holds them to a plain, line-by-line
/// port of the reference pixelmatch on images built to hit every path: tiny images where
/// most pixels are on the border, few colours so that equal neighbours and flat areas are
/// common, and semi-transparent pixels.
@Suite struct PixelMatchReferenceTests {
    @Test func optimisedCountsEqualAPlainPortOfTheReference() throws {
        var rng = SplitMix(seed: 0x5EED)
        let sizes = [(1, 1), (1, 5), (5, 1), (2, 2), (3, 3), (4, 7), (9, 4), (17, 11), (40, 33), (70, 3)]
        var suspects = 0
        for round in 0..<60 {
            let (w, h) = sizes[round % sizes.count]
            let palette = (0..<(2 + Int(rng.next() % 6))).map { _ -> RGBA8 in
                let alpha: UInt8 = round % 3 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : 255
                return RGBA8(r: UInt8(truncatingIfNeeded: rng.next()), g: UInt8(truncatingIfNeeded: rng.next()),
                             b: UInt8(truncatingIfNeeded: rng.next()), a: alpha)
            } + [.white, .black]
            func pick() -> RGBA8 { palette[Int(rng.next() % UInt64(palette.count))] }
            var a = RasterImage(width: w, height: h)
            for y in 0..<h { for x in 0..<w { a.fill(PixelRect(x: x, y: y, width: 1, height: 1), with: pick()) } }
            var b = a
            for _ in 0..<(1 + Int(rng.next() % UInt64(w * h))) {
                b.fill(PixelRect(x: Int(rng.next() % UInt64(w)), y: Int(rng.next() % UInt64(h)), width: 1, height: 1), with: pick())
            }
            for threshold in [0.1, 0.02] {
                for includeAA in [false, true] {
                    let options = DiffOptions(threshold: threshold, includeAA: includeAA, makeDiffImage: false)
                    let fast = PixelMatch.compare(a, b, options: options)
                    let slow = ReferencePixelMatch.count(a, b, threshold: threshold, includeAA: includeAA)
                    #expect(fast.differingPixels == slow.differing, "round \(round), \(w)×\(h), t \(threshold), AA \(includeAA)")
                    #expect(fast.antialiasedPixels == slow.antialiased, "round \(round), \(w)×\(h), t \(threshold), AA \(includeAA)")
                    suspects += slow.antialiased
                }
            }
        }
        #expect(suspects > 100)  // the anti-aliasing detector was really exercised
    }
}

/// pixelmatch's `pixelmatch`, `antialiased`, `hasManySiblings` and `colorDelta`, transcribed
/// without any optimisation, as the yardstick for the real implementation.
private enum ReferencePixelMatch {
    static func count(_ a: RasterImage, _ b: RasterImage, threshold: Double, includeAA: Bool) -> (differing: Int, antialiased: Int) {
        let w = a.width, h = a.height
        let maxDelta = 35215 * threshold * threshold
        var differing = 0, antialiased = 0
        for y in 0..<h {
            for x in 0..<w {
                let delta = colorDelta(a, b, x, y, x, y, yOnly: false)
                if delta > maxDelta {
                    if !includeAA && (isAntialiased(a, x, y, b) || isAntialiased(b, x, y, a)) {
                        antialiased += 1
                    } else {
                        differing += 1
                    }
                }
            }
        }
        return (differing, antialiased)
    }

    static func isAntialiased(_ img: RasterImage, _ x1: Int, _ y1: Int, _ img2: RasterImage) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, img.width - 1), y2 = min(y1 + 1, img.height - 1)
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var minDelta = 0.0, maxDelta = 0.0
        var minX = 0, minY = 0, maxX = 0, maxY = 0
        for x in x0...x2 {
            for y in y0...y2 {
                if x == x1 && y == y1 { continue }
                let delta = colorDelta(img, img, x1, y1, x, y, yOnly: true)
                if delta == 0 {
                    zeroes += 1
                    if zeroes > 2 { return false }
                } else if delta < minDelta {
                    minDelta = delta; minX = x; minY = y
                } else if delta > maxDelta {
                    maxDelta = delta; maxX = x; maxY = y
                }
            }
        }
        if minDelta == 0 || maxDelta == 0 { return false }
        return (hasManySiblings(img, minX, minY) && hasManySiblings(img2, minX, minY))
            || (hasManySiblings(img, maxX, maxY) && hasManySiblings(img2, maxX, maxY))
    }

    static func hasManySiblings(_ img: RasterImage, _ x1: Int, _ y1: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, img.width - 1), y2 = min(y1 + 1, img.height - 1)
        var zeroes = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 {
                if x == x1 && y == y1 { continue }
                if img[x, y] == img[x1, y1] { zeroes += 1 }
                if zeroes > 2 { return true }
            }
        }
        return false
    }

    static func colorDelta(_ i1: RasterImage, _ i2: RasterImage, _ x1: Int, _ y1: Int, _ x2: Int, _ y2: Int,
                           yOnly: Bool) -> Double {
        let p = i1[x1, y1], q = i2[x2, y2]
        if p == q { return 0 }
        func rgb(_ c: RGBA8) -> (Double, Double, Double) {
            var r = Double(c.r), g = Double(c.g), b = Double(c.b)
            if c.a < 255 {
                let a = Double(c.a) / 255
                r = 255 + (r - 255) * a; g = 255 + (g - 255) * a; b = 255 + (b - 255) * a
            }
            return (r, g, b)
        }
        let (r1, g1, b1) = rgb(p), (r2, g2, b2) = rgb(q)
        let y = (r1 * 0.29889531 + g1 * 0.58662247 + b1 * 0.11448223) - (r2 * 0.29889531 + g2 * 0.58662247 + b2 * 0.11448223)
        if yOnly { return y }
        let i = (r1 * 0.59597799 - g1 * 0.27417610 - b1 * 0.32180189) - (r2 * 0.59597799 - g2 * 0.27417610 - b2 * 0.32180189)
        let qq = (r1 * 0.21147017 - g1 * 0.52261711 + b1 * 0.31114694) - (r2 * 0.21147017 - g2 * 0.52261711 + b2 * 0.31114694)
        return 0.5053 * y * y + 0.299 * i * i + 0.1957 * qq * qq
    }
}

/// A small seeded generator, so the images (and any failure) are the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
