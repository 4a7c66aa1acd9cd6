import Foundation
@testable import BroadsheetDiff

/// A fresh folder per test, so tests can run in parallel without sharing files.
func makeTempDirectory(_ label: String = #function) throws -> String {
    let safe = label.filter { $0.isLetter || $0.isNumber }
    let path = (NSTemporaryDirectory() as NSString)
        .appendingPathComponent("broadsheet-diff-\(safe)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func path(_ dir: String, _ name: String) -> String { (dir as NSString).appendingPathComponent(name) }

/// A page-like test image: white with a few black "lines of text" (bars) and a coloured box,
/// so that there is structure around any change the test makes.
func samplePage(width: Int = 240, height: Int = 160) -> RasterImage {
    var image = RasterImage(width: width, height: height)
    for line in 0..<5 {
        image.fill(PixelRect(x: 10, y: 10 + line * 12, width: 100 + (line * 17) % 40, height: 6), with: .black)
    }
    image.fill(PixelRect(x: 150, y: 20, width: 60, height: 40), with: RGBA8(r: 30, g: 60, b: 160))
    return image
}

/// Counts pixels of one exact colour, to check the diff image.
func count(_ colour: RGBA8, in image: RasterImage) -> Int {
    var n = 0
    for y in 0..<image.height { for x in 0..<image.width where image[x, y] == colour { n += 1 } }
    return n
}
