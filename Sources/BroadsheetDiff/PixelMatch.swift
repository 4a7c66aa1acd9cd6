import Foundation

/// A maximal horizontal run of counted (red) pixels in one row, `x0..<x1`. Runs are what the
/// region clustering consumes: a page with a changed paragraph has a few thousand runs but
/// hundreds of thousands of pixels.
struct ChangedRun: Hashable, Sendable {
    var y: Int32, x0: Int32, x1: Int32
}

public struct PixelMatchResult: Sendable {
    /// Pixels whose colour distance exceeds the threshold and that are not anti-aliasing.
    public let differingPixels: Int
    /// Pixels over the threshold that were excused as anti-aliasing (drawn yellow).
    public let antialiasedPixels: Int
    public let diffImage: RasterImage?
    let runs: [ChangedRun]
}

/// pixelmatch's algorithm (Mapbox, after Kotsarenko & Ramos 2010 and Vyšniauskas 2009),
/// rewritten for Swift and run in parallel over bands of rows. Counts match the reference
/// exactly, so a baseline accepted with pixelmatch is accepted here.
public enum PixelMatch {
    public static func compare(_ a: RasterImage, _ b: RasterImage, options: DiffOptions = DiffOptions()) -> PixelMatchResult {
        precondition(a.width == b.width && a.height == b.height, "PixelMatch.compare needs equal sizes; crop first")
        let width = a.width, height = a.height
        let limit = YIQ.maxDelta * options.threshold * options.threshold

        return a.pixels.withUnsafeBytes { rawA in
            b.pixels.withUnsafeBytes { rawB in
                let imgA = ImageView(base: rawA.baseAddress, width: width, height: height)
                let imgB = ImageView(base: rawB.baseAddress, width: width, height: height)
                var diffImage: RasterImage? = nil
                var bands: [BandCount] = []
                if options.makeDiffImage {
                    let bytes = [UInt8](unsafeUninitializedCapacity: width * height * 4) { buf, n in
                        let out = buf.baseAddress.map { SendableRawPointer(UnsafeMutableRawPointer($0)) }
                        bands = parallelBands(height) { rows in
                            scan(rows, imgA, imgB, limit: limit, options: options, out: out)
                        }
                        n = width * height * 4
                    }
                    diffImage = RasterImage(width: width, height: height, pixels: bytes)
                } else {
                    bands = parallelBands(height) { rows in
                        scan(rows, imgA, imgB, limit: limit, options: options, out: nil)
                    }
                }
                return PixelMatchResult(
                    differingPixels: bands.reduce(0) { $0 + $1.differing },
                    antialiasedPixels: bands.reduce(0) { $0 + $1.antialiased },
                    diffImage: diffImage,
                    runs: bands.flatMap(\.runs))
            }
        }
    }

    private struct BandCount {
        var differing = 0, antialiased = 0
        var runs: [ChangedRun] = []
    }

    /// Compares one band of rows and paints its part of the diff image.
    private static func scan(_ rows: Range<Int>, _ a: ImageView, _ b: ImageView, limit: Double,
                             options: DiffOptions, out: SendableRawPointer?) -> BandCount {
        var result = BandCount()
        let width = a.width
        let diffColour = packed(options.diffColor), aaColour = packed(options.aaColor)
        // Pages are mostly paper: remembering the last grey computed skips the float maths for
        // runs of one colour.
        var lastSource: UInt32 = 0, lastGrey: UInt32 = 0, haveLast = false
        @inline(__always) func paintGrey(_ p: UInt32, _ index: Int) {
            guard let out else { return }
            if !haveLast || p != lastSource {
                let v = UInt32(YIQ.fadedGrey(p, alpha: options.alpha))
                lastGrey = 0xFF00_0000 | v << 16 | v << 8 | v
                lastSource = p; haveLast = true
            }
            out.pointer.storeBytes(of: lastGrey.littleEndian, toByteOffset: index * 4, as: UInt32.self)
        }
        @inline(__always) func paint(_ colour: UInt32, _ index: Int) {
            out?.pointer.storeBytes(of: colour.littleEndian, toByteOffset: index * 4, as: UInt32.self)
        }

        for y in rows {
            let rowStart = y * width
            if width > 0, memcmp(a.base! + rowStart * 4, b.base! + rowStart * 4, width * 4) == 0 {
                if out != nil { for x in 0..<width { paintGrey(a[rowStart + x], rowStart + x) } }
                continue
            }
            var runStart = -1
            for x in 0..<width {
                let index = rowStart + x
                let pa = a[index], pb = b[index]
                var counted = false
                if pa == pb {
                    paintGrey(pa, index)
                } else if YIQ.delta(pa, pb) > limit {
                    if !options.includeAA && (a.isAntialiased(x, y, other: b) || b.isAntialiased(x, y, other: a)) {
                        result.antialiased += 1
                        paint(aaColour, index)
                    } else {
                        result.differing += 1
                        counted = true
                        paint(diffColour, index)
                    }
                } else {
                    paintGrey(pa, index)
                }
                if counted {
                    if runStart < 0 { runStart = x }
                } else if runStart >= 0 {
                    result.runs.append(ChangedRun(y: Int32(y), x0: Int32(runStart), x1: Int32(x)))
                    runStart = -1
                }
            }
            if runStart >= 0 {
                result.runs.append(ChangedRun(y: Int32(y), x0: Int32(runStart), x1: Int32(width)))
            }
        }
        return result
    }

    private static func packed(_ c: RGBA8) -> UInt32 {
        UInt32(c.r) | UInt32(c.g) << 8 | UInt32(c.b) << 16 | 0xFF00_0000
    }
}

struct SendableRawPointer: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    init(_ pointer: UnsafeMutableRawPointer) { self.pointer = pointer }
}

/// Read-only view of an RGBA raster for the worker bands. Valid only inside the
/// `withUnsafeBytes` call that made it.
struct ImageView: @unchecked Sendable {
    let base: UnsafeRawPointer?
    let width: Int, height: Int

    @inline(__always) subscript(index: Int) -> UInt32 {
        UInt32(littleEndian: base.unsafelyUnwrapped.load(fromByteOffset: index * 4, as: UInt32.self))
    }

    /// Vyšniauskas's test, as pixelmatch applies it: a pixel is anti-aliasing when, among its
    /// 8 neighbours, at most two share its brightness, it has both a darker and a brighter
    /// neighbour, and the darkest or the brightest of those sits in a flat area (3+ identical
    /// neighbours) in both images, i.e. it is the edge of a solid shape that moved slightly.
    /// Neighbours are visited column by column, and ties keep the first found, as in the
    /// reference, because which extreme is chosen changes the answer.
    func isAntialiased(_ x1: Int, _ y1: Int, other: ImageView) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let centre = self[y1 * width + x1]
        let centreY = YIQ.brightness(centre)
        // A pixel on the image border has fewer neighbours; it starts one "equal" ahead.
        var equal = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        var darkest = 0.0, brightest = 0.0
        var darkX = 0, darkY = 0, brightX = 0, brightY = 0
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                let p = self[y * width + x]
                let d = p == centre ? 0 : centreY - YIQ.brightness(p)
                if d == 0 {
                    equal += 1
                    if equal > 2 { return false }
                } else if d < darkest {
                    darkest = d; darkX = x; darkY = y
                } else if d > brightest {
                    brightest = d; brightX = x; brightY = y
                }
            }
        }
        if darkest == 0 || brightest == 0 { return false }
        return (hasManySiblings(darkX, darkY) && other.hasManySiblings(darkX, darkY))
            || (hasManySiblings(brightX, brightY) && other.hasManySiblings(brightX, brightY))
    }

    /// Three or more of the 8 neighbours have exactly this pixel's value (border pixels
    /// count one extra, as in the reference).
    func hasManySiblings(_ x1: Int, _ y1: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let centre = self[y1 * width + x1]
        var equal = (x1 == x0 || x1 == x2 || y1 == y0 || y1 == y2) ? 1 : 0
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                if self[y * width + x] == centre { equal += 1 }
                if equal > 2 { return true }
            }
        }
        return false
    }
}
