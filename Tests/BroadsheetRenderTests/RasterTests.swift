import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

@Suite struct RasterTests {
    let page = DisplayPage(width: 144, height: 72, items: [
        .rect(RectItem(rect: Rect(x: 0, y: 0, width: 72, height: 72), fill: RGBColor(r: 1, g: 0, b: 0))),
        .rule(RuleItem(from: Point(x: 80, y: 36), to: Point(x: 140, y: 36), width: 4, color: RGBColor(r: 0, g: 0, b: 1))),
    ])

    @Test func sizeScalesWithDPI() throws {
        let at72 = try PNGRenderer().renderPage(page, dpi: 72)
        let at300 = try PNGRenderer().renderPage(page, dpi: 300)
        #expect((at72.width, at72.height) == (144, 72))
        #expect((at300.width, at300.height) == (600, 300))
        #expect(at300.rgba.count == 600 * 300 * 4)
    }

    @Test func pixelsAreStraightRGBAOnWhite() throws {
        let image = try PNGRenderer().renderPage(page, dpi: 144)
        #expect(image.pixel(x: 50, y: 50) == (255, 0, 0, 255), "filled rect is red")
        #expect(image.pixel(x: 250, y: 72) == (0, 0, 255, 255), "rule centre is blue")
        #expect(image.pixel(x: 250, y: 60) == (255, 255, 255, 255), "4 pt rule at 144 dpi is 8 px thick")
        #expect(image.pixel(x: 285, y: 72) == (255, 255, 255, 255), "butt caps: nothing beyond the rule end")
        #expect(image.pixel(x: 200, y: 10) == (255, 255, 255, 255), "background is white")
    }

    @Test func pngFileIsAValidPNGOfTheRightSize() throws {
        let dir = try makeTempDirectory()
        let doc = DisplayDocument(title: "r", date: "2025-01-10", pages: [page, page])
        let paths = try PNGRenderer().write(doc, toDirectory: dir, dpi: 150)
        #expect(paths == [dir + "/page-1.png", dir + "/page-2.png"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: paths[0]))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR width/height, big-endian at bytes 16…23.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect((width, height) == (300, 150))
    }

    @Test func textIsDrawnInRunColour() throws {
        let page = DisplayPage(width: 100, height: 40, items: [
            try run("大", size: 30, x: 10, y: 32, color: RGBColor(r: 0, g: 0.5, b: 0)),
        ])
        let image = try PNGRenderer().renderPage(page, dpi: 72)
        var green = 0, other = 0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image.pixel(x: x, y: y)
                if p == (255, 255, 255, 255) { continue }
                if p.r == 0 && p.b == 0 && p.g >= 128 { green += 1 } else if p.r != p.b { other += 1 }
            }
        }
        #expect(green > 20, "the glyph must be drawn in its run colour")
        #expect(other == 0)
        // Ink lies within the em box around (10, 32).
        #expect(image.pixel(x: 70, y: 20) == (255, 255, 255, 255))
    }
}
