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
                        guard let base = buf.baseAddress else { n = 0; return }
                        let out = SendableRawPointer(UnsafeMutableRawPointer(base))
                        bands = parallelBands(height) { rows in
                            var painter = ImagePainter(out: out.pointer, alpha: options.alpha,
                                                       diff: packed(options.diffColor), aa: packed(options.aaColor))
                            return scan(rows, imgA, imgB, limit: limit, includeAA: options.includeAA, painter: &painter)
                        }
                        n = width * height * 4
                    }
                    diffImage = RasterImage(width: width, height: height, pixels: bytes)
                } else {
                    bands = parallelBands(height) { rows in
                        var painter = NoPainter()
                        return scan(rows, imgA, imgB, limit: limit, includeAA: options.includeAA, painter: &painter)
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

    /// Compares one band of rows and paints its part of the diff image. Generic over the
    /// painter so that the count-only case compiles to a loop with no painting code at all,
    /// rather than testing an optional output pointer at every pixel.
    private static func scan<P: DiffPainter>(_ rows: Range<Int>, _ a: ImageView, _ b: ImageView, limit: Double,
                                             includeAA: Bool, painter: inout P) -> BandCount {
        var result = BandCount()
        let width = a.width
        guard width > 0 else { return result }
        // Luma rows around the current row, filled only for rows that have a pixel over the
        // threshold: an unchanged or locally changed page computes (almost) none.
        let luma = LumaRows(width: width)
        defer { luma.deallocate() }

        for y in rows {
            let rowStart = y * width
            let rowA = a.base.unsafelyUnwrapped + rowStart * 4, rowB = b.base.unsafelyUnwrapped + rowStart * 4
            if memcmp(rowA, rowB, width * 4) == 0 {
                if P.paints { for x in 0..<width { painter.grey(a[rowStart + x], rowStart + x) } }
                continue
            }
            var lumaReady = false
            var runStart = -1
            for x in 0..<width {
                let index = rowStart + x
                let pa = a[index], pb = b[index]
                var counted = false
                if pa == pb {
                    painter.grey(pa, index)
                } else if YIQ.delta(pa, pb) > limit {
                    if !includeAA {
                        if !lumaReady { luma.prepare(y, a, b); lumaReady = true }
                    }
                    if !includeAA && (a.isAntialiased(x, y, luma: luma.a, other: b)
                                      || b.isAntialiased(x, y, luma: luma.b, other: a)) {
                        result.antialiased += 1
                        painter.aa(index)
                    } else {
                        result.differing += 1
                        counted = true
                        painter.diff(index)
                    }
                } else {
                    painter.grey(pa, index)
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
    ///
    /// Brightness comes from `luma` (rows y-1, y, y+1 of this image, computed once per row)
    /// rather than from the pixels: on a shifted page nearly every text pixel is tested, in
    /// both images, and each test used to recompute eight neighbours' Y, so a pixel's Y was
    /// computed up to ~16 times. A neighbour whose value equals the centre's has the same Y,
    /// so `c - n` is exactly 0 for it, as the reference's `p == centre ? 0 : …` gives.
    ///
    /// The tests stay branches with the reference's early exit: a branch-free version of the
    /// eight visits (three selects each) measured ~10% slower on the shifted page, because
    /// the third equal neighbour usually comes early and the exit skips the rest.
    @inline(__always)
    func isAntialiased(_ x: Int, _ y: Int, luma: LumaWindow, other: ImageView) -> Bool {
        if x == 0 || y == 0 || x == width - 1 || y == height - 1 {
            return isAntialiasedAtBorder(x, y, luma: luma, other: other)
        }
        let up = luma.up, mid = luma.mid, down = luma.down
        let c = mid[x]
        var equal = 0
        var darkest = 0.0, brightest = 0.0
        var darkX = 0, darkY = 0, brightX = 0, brightY = 0
        // Interior pixel: all eight neighbours exist, in the reference's order (x outer, y
        // inner). Returns false once three neighbours share the centre's brightness.
        @inline(__always) func visit(_ n: Double, _ nx: Int, _ ny: Int) -> Bool {
            let d = c - n
            if d == 0 {
                equal += 1
                return equal <= 2
            } else if d < darkest {
                darkest = d; darkX = nx; darkY = ny
            } else if d > brightest {
                brightest = d; brightX = nx; brightY = ny
            }
            return true
        }
        let xl = x - 1, xr = x + 1, yu = y - 1, yd = y + 1
        guard visit(up[xl], xl, yu), visit(mid[xl], xl, y), visit(down[xl], xl, yd),
              visit(up[x], x, yu), visit(down[x], x, yd),
              visit(up[xr], xr, yu), visit(mid[xr], xr, y), visit(down[xr], xr, yd) else { return false }
        if darkest == 0 || brightest == 0 { return false }
        return (hasManySiblings(darkX, darkY) && other.hasManySiblings(darkX, darkY))
            || (hasManySiblings(brightX, brightY) && other.hasManySiblings(brightX, brightY))
    }

    /// The same test for a pixel on the image's edge, where the neighbourhood is clipped and
    /// the count of equal neighbours starts at one, as in the reference. Rare, so kept simple.
    @inline(never)
    private func isAntialiasedAtBorder(_ x1: Int, _ y1: Int, luma: LumaWindow, other: ImageView) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let centreY = luma.mid[x1]
        var equal = 1
        var darkest = 0.0, brightest = 0.0
        var darkX = 0, darkY = 0, brightX = 0, brightY = 0
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                let row = y < y1 ? luma.up : (y == y1 ? luma.mid : luma.down)
                let d = centreY - row[x]
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
    /// count one extra, as in the reference). Inside the image, with no clipping needed, the
    /// eight matches are summed without branches and tested once: the same answer as
    /// stopping at the third match, with straight-line code instead of a loop.
    @inline(__always)
    func hasManySiblings(_ x1: Int, _ y1: Int) -> Bool {
        if x1 == 0 || y1 == 0 || x1 == width - 1 || y1 == height - 1 {
            return hasManySiblingsAtBorder(x1, y1)
        }
        let mid = base.unsafelyUnwrapped + (y1 * width + x1) * 4
        let stride = width * 4
        @inline(__always) func at(_ offset: Int) -> UInt32 { mid.load(fromByteOffset: offset, as: UInt32.self) }
        let c = at(0)
        var equal = at(-stride - 4) == c ? 1 : 0
        equal &+= at(-stride) == c ? 1 : 0
        equal &+= at(-stride + 4) == c ? 1 : 0
        equal &+= at(-4) == c ? 1 : 0
        equal &+= at(4) == c ? 1 : 0
        equal &+= at(stride - 4) == c ? 1 : 0
        equal &+= at(stride) == c ? 1 : 0
        equal &+= at(stride + 4) == c ? 1 : 0
        return equal > 2
    }

    @inline(never)
    private func hasManySiblingsAtBorder(_ x1: Int, _ y1: Int) -> Bool {
        let x0 = max(x1 - 1, 0), y0 = max(y1 - 1, 0)
        let x2 = min(x1 + 1, width - 1), y2 = min(y1 + 1, height - 1)
        let centre = self[y1 * width + x1]
        var equal = 1
        for x in x0...x2 {
            for y in y0...y2 where x != x1 || y != y1 {
                if self[y * width + x] == centre { equal += 1 }
                if equal > 2 { return true }
            }
        }
        return false
    }
}

/// Brightness of rows y-1, y and y+1 of one image. `up` and `down` alias `mid` on the top
/// and bottom rows, where the border path never reads them.
struct LumaWindow {
    var up: UnsafePointer<Double>, mid: UnsafePointer<Double>, down: UnsafePointer<Double>
}

/// Per-band scratch for the luma of A and B: three rows each, used as a ring so that moving
/// down one row computes one new row per image, not three. Small (6 rows, ~110 KB for a
/// 2300 px page) so it stays in cache; a whole-page luma plane would be 2 × 59 MB of doubles
/// to allocate, fault in and stream through on every compare, and most of it is never read
/// (an unchanged or locally changed page needs no luma at all).
final class LumaRows {
    private let width: Int
    private var storage: UnsafeMutablePointer<Double>? = nil
    /// Which image row each of the 3 slots per image holds; -1 when empty.
    private var slotRow: (Int, Int, Int) = (-1, -1, -1)
    private(set) var a: LumaWindow
    private(set) var b: LumaWindow

    init(width: Int) {
        self.width = width
        // Placeholder windows until `prepare`; never read before it.
        let none = UnsafePointer<Double>(bitPattern: MemoryLayout<Double>.alignment).unsafelyUnwrapped
        a = LumaWindow(up: none, mid: none, down: none)
        b = a
    }

    func deallocate() { storage?.deallocate() }

    /// Makes `a` and `b` the windows around row `y`, computing the rows not already held.
    /// The storage is allocated on first use: bands without a suspect pixel never need it.
    func prepare(_ y: Int, _ imgA: ImageView, _ imgB: ImageView) {
        if storage == nil { storage = .allocate(capacity: 6 * width) }
        let storage = storage.unsafelyUnwrapped
        let mid = slot(y, imgA, imgB)
        let up = y > 0 ? slot(y - 1, imgA, imgB) : mid
        let down = y < imgA.height - 1 ? slot(y + 1, imgA, imgB) : mid
        let s = UnsafePointer(storage), w = width
        a = LumaWindow(up: s + up * w, mid: s + mid * w, down: s + down * w)
        b = LumaWindow(up: s + (3 + up) * w, mid: s + (3 + mid) * w, down: s + (3 + down) * w)
    }

    /// Slot of row `y` (rows y-1, y, y+1 fall in different slots), filled if it held another.
    private func slot(_ y: Int, _ imgA: ImageView, _ imgB: ImageView) -> Int {
        let k = y % 3
        let held: Int
        switch k {
        case 0: held = slotRow.0
        case 1: held = slotRow.1
        default: held = slotRow.2
        }
        if held != y {
            let storage = storage.unsafelyUnwrapped
            let offset = y * width * 4
            YIQ.brightnessRow(imgA.base.unsafelyUnwrapped + offset, count: width, into: storage + k * width)
            YIQ.brightnessRow(imgB.base.unsafelyUnwrapped + offset, count: width, into: storage + (3 + k) * width)
            switch k {
            case 0: slotRow.0 = y
            case 1: slotRow.1 = y
            default: slotRow.2 = y
            }
        }
        return k
    }
}

/// Where `scan` puts each pixel's verdict. Two implementations, so the count-only comparison
/// carries no per-pixel test of whether there is an image to paint.
protocol DiffPainter {
    static var paints: Bool { get }
    /// An unchanged (or under-threshold) pixel: A's colour as faded grey.
    mutating func grey(_ p: UInt32, _ index: Int)
    mutating func diff(_ index: Int)
    mutating func aa(_ index: Int)
}

struct NoPainter: DiffPainter {
    static var paints: Bool { false }
    @inline(__always) mutating func grey(_ p: UInt32, _ index: Int) {}
    @inline(__always) mutating func diff(_ index: Int) {}
    @inline(__always) mutating func aa(_ index: Int) {}
}

struct ImagePainter: DiffPainter {
    static var paints: Bool { true }
    let out: UnsafeMutableRawPointer
    let alpha: Double
    let diffColour: UInt32, aaColour: UInt32
    // Pages are mostly paper: remembering the last grey computed skips the float maths for
    // runs of one colour.
    var lastSource: UInt32 = 0, lastGrey: UInt32 = 0, haveLast = false

    init(out: UnsafeMutableRawPointer, alpha: Double, diff: UInt32, aa: UInt32) {
        self.out = out; self.alpha = alpha; diffColour = diff; aaColour = aa
    }

    @inline(__always) mutating func grey(_ p: UInt32, _ index: Int) {
        if !haveLast || p != lastSource {
            let v = UInt32(YIQ.fadedGrey(p, alpha: alpha))
            lastGrey = 0xFF00_0000 | v << 16 | v << 8 | v
            lastSource = p; haveLast = true
        }
        out.storeBytes(of: lastGrey.littleEndian, toByteOffset: index * 4, as: UInt32.self)
    }
    @inline(__always) mutating func diff(_ index: Int) {
        out.storeBytes(of: diffColour.littleEndian, toByteOffset: index * 4, as: UInt32.self)
    }
    @inline(__always) mutating func aa(_ index: Int) {
        out.storeBytes(of: aaColour.littleEndian, toByteOffset: index * 4, as: UInt32.self)
    }
}
