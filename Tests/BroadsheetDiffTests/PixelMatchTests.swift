import Testing
@testable import BroadsheetDiff

@Suite struct PixelMatchTests {
    @Test func identicalImagesHaveNoDifferingPixels() throws {
        let page = samplePage()
        let diff = try ImageDiff.compare(page, page)
        #expect(diff.differingPixels == 0)
        #expect(diff.antialiasedPixels == 0)
        #expect(diff.regions.isEmpty)
        #expect(diff.isEqual)
        // The diff image is a faded grey copy: no red, no yellow, and darker where A has ink.
        let image = try #require(diff.diffImage)
        #expect(count(.red, in: image) == 0)
        #expect(count(.yellow, in: image) == 0)
        #expect(image[12, 12].r < image[5, 5].r)
        #expect(image[12, 12].r == image[12, 12].g)
    }

    @Test func changedBlockIsCountedAndBoxed() throws {
        let a = samplePage()
        var b = a
        let block = PixelRect(x: 60, y: 100, width: 13, height: 7)
        b.fill(block, with: RGBA8(r: 220, g: 0, b: 0))
        let diff = try ImageDiff.compare(a, b)
        #expect(diff.differingPixels == block.area)
        #expect(diff.regions == [block])
        #expect(abs(diff.differingShare - Double(block.area) / Double(a.width * a.height)) < 1e-12)
        #expect(!diff.isEqual)
        let image = try #require(diff.diffImage)
        #expect(count(.red, in: image) == block.area)
        #expect(image[block.x, block.y] == .red)
        #expect(image[block.x - 1, block.y] != .red)
    }

    @Test func changesFarApartAreSeparateRegionsAndNearOnesMerge() throws {
        let a = RasterImage(width: 200, height: 100)
        var b = a
        let radius = DiffOptions().clusterRadius
        let left = PixelRect(x: 10, y: 10, width: 5, height: 5)
        // Its first column is 2r+1 from the left block's last: the dilated squares just touch.
        let near = PixelRect(x: left.maxX + 2 * radius, y: 10, width: 5, height: 5)
        let far = PixelRect(x: 150, y: 60, width: 8, height: 8)
        for r in [left, near, far] { b.fill(r, with: .black) }
        let diff = try ImageDiff.compare(a, b)
        #expect(diff.regions == [left.union(near), far])
        // With no dilation every block is its own region.
        let tight = try ImageDiff.compare(a, b, options: DiffOptions(clusterRadius: 0))
        #expect(tight.regions == [left, near, far])
    }

    @Test func gapJustBeyondTheReachSplitsRegions() throws {
        let a = RasterImage(width: 120, height: 40)
        var b = a
        let radius = 3
        let first = PixelRect(x: 10, y: 10, width: 4, height: 4)
        // Pixels join when at most 2r+1 apart: last column 13, so column 13+2r+2 is one too far.
        let second = PixelRect(x: first.maxX - 1 + 2 * radius + 2, y: 10, width: 4, height: 4)
        b.fill(first, with: .black); b.fill(second, with: .black)
        let diff = try ImageDiff.compare(a, b, options: DiffOptions(clusterRadius: radius))
        #expect(diff.regions == [first, second])
        var c = a
        let touching = PixelRect(x: second.x - 1, y: 10, width: 4, height: 4)
        c.fill(first, with: .black); c.fill(touching, with: .black)
        let joined = try ImageDiff.compare(a, c, options: DiffOptions(clusterRadius: radius))
        #expect(joined.regions == [first.union(touching)])
    }

    /// A solid black shape whose left edge moves by a fraction of a pixel: only the grey edge
    /// column changes its shade. That is anti-aliasing, not a change.
    @Test func subPixelEdgeShiftIsAntialiasingNotADifference() throws {
        func shape(edgeGrey: UInt8) -> RasterImage {
            var image = RasterImage(width: 40, height: 30)
            image.fill(PixelRect(x: 11, y: 5, width: 15, height: 20), with: .black)
            image.fill(PixelRect(x: 10, y: 5, width: 1, height: 20), with: RGBA8(r: edgeGrey, g: edgeGrey, b: edgeGrey))
            return image
        }
        let a = shape(edgeGrey: 160), b = shape(edgeGrey: 60)
        let diff = try ImageDiff.compare(a, b)
        #expect(diff.differingPixels == 0)
        #expect(diff.antialiasedPixels > 0)
        let image = try #require(diff.diffImage)
        #expect(count(.yellow, in: image) == diff.antialiasedPixels)
        #expect(image[10, 10] == .yellow)
        // Counting anti-aliasing makes the same pixels real differences.
        let strict = try ImageDiff.compare(a, b, options: DiffOptions(includeAA: true))
        #expect(strict.differingPixels == diff.antialiasedPixels)
        #expect(strict.antialiasedPixels == 0)
    }

    @Test func thresholdIsAShareOfTheLargestYIQDistance() throws {
        let base = RGBA8(r: 200, g: 40, b: 40), tint = RGBA8(r: 185, g: 55, b: 40)
        var a = RasterImage(width: 30, height: 30), b = a
        let patch = PixelRect(x: 5, y: 5, width: 20, height: 20)
        a.fill(patch, with: base); b.fill(patch, with: tint)
        // The squared YIQ distance of the two colours, computed here from the published weights.
        func yiq(_ c: RGBA8) -> (Double, Double, Double) {
            let r = Double(c.r), g = Double(c.g), bl = Double(c.b)
            return (r * 0.29889531 + g * 0.58662247 + bl * 0.11448223,
                    r * 0.59597799 - g * 0.27417610 - bl * 0.32180189,
                    r * 0.21147017 - g * 0.52261711 + bl * 0.31114694)
        }
        let (y1, i1, q1) = yiq(base), (y2, i2, q2) = yiq(tint)
        let delta = 0.5053 * (y1 - y2) * (y1 - y2) + 0.299 * (i1 - i2) * (i1 - i2) + 0.1957 * (q1 - q2) * (q1 - q2)
        let boundary = (delta / 35215).squareRoot()
        let below = try ImageDiff.compare(a, b, options: DiffOptions(threshold: boundary * 0.98))
        let above = try ImageDiff.compare(a, b, options: DiffOptions(threshold: boundary * 1.02))
        #expect(below.differingPixels == patch.area)
        #expect(above.differingPixels == 0)
        #expect(throws: DiffError.self) { try ImageDiff.compare(a, b, options: DiffOptions(threshold: 1.5)) }
    }

    @Test func differentSizesAreReportedAndDiffedOverTheCommonArea() throws {
        let a = samplePage(width: 240, height: 160)
        var b = samplePage(width: 260, height: 150)
        b.fill(PixelRect(x: 245, y: 0, width: 15, height: 150), with: .black)  // outside A: not counted
        let same = try ImageDiff.compare(a, b)
        #expect(same.sizesDiffer)
        #expect(same.sizeA == PixelSize(width: 240, height: 160))
        #expect(same.sizeB == PixelSize(width: 260, height: 150))
        #expect(same.comparedSize == PixelSize(width: 240, height: 150))
        #expect(same.differingPixels == 0)
        #expect(!same.isEqual)
        #expect(same.diffImage?.size == same.comparedSize)
        b.fill(PixelRect(x: 0, y: 140, width: 3, height: 3), with: .black)
        #expect(try ImageDiff.compare(a, b).differingPixels == 9)
    }

    /// Bands run in parallel; the result must not depend on scheduling.
    @Test func parallelComparisonIsDeterministic() throws {
        let a = samplePage(width: 500, height: 700)
        var b = a
        for k in 0..<40 { b.fill(PixelRect(x: (k * 37) % 480, y: (k * 53) % 690, width: 7, height: 5), with: .black) }
        let first = try ImageDiff.compare(a, b)
        for _ in 0..<5 {
            let again = try ImageDiff.compare(a, b)
            #expect(again.differingPixels == first.differingPixels)
            #expect(again.regions == first.regions)
            #expect(again.diffImage == first.diffImage)
        }
        #expect(first.differingPixels > 0)
        // And the same count as one band would give: compare row strips separately and add.
        let options = DiffOptions(makeDiffImage: false, clusterRadius: 0)
        var total = 0
        for y0 in stride(from: 0, to: a.height, by: 100) {
            let h = min(100, a.height - y0)
            func strip(_ img: RasterImage) -> RasterImage {
                RasterImage(width: img.width, height: h,
                            pixels: Array(img.pixels[(y0 * img.width * 4)..<((y0 + h) * img.width * 4)]))
            }
            total += try ImageDiff.compare(strip(a), strip(b), options: options).differingPixels
        }
        #expect(total == first.differingPixels)
    }
}
