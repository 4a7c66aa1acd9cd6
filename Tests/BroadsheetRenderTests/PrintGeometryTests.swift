import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

@Suite struct PrintGeometryTests {
    let geometry = PrintGeometry(bleed: 8.504, markLength: 14)
    /// bleed (8.504) + mark (14) + 2 pt air.
    /// Bleed plus the 14 pt slug the marks live in.
    let margin = 22.504

    func printPDF(_ dir: String) throws -> String {
        let path = dir + "/print.pdf"
        try PDFRenderer().write(try sampleDocument(in: dir), to: path, options: RenderOptions(print: geometry))
        return path
    }

    /// "TrimBox: x0 y0 x1 y1" lines of `pdfinfo -box` for page `n`.
    func boxes(_ path: String, page: Int) throws -> [String: [Double]] {
        let out = try runTool("pdfinfo", ["-box", "-f", "\(page)", "-l", "\(page)", path])
        #expect(out.status == 0)
        #expect(out.stderr.isEmpty, "pdfinfo complained: \(out.stderr)")
        var result: [String: [Double]] = [:]
        for line in out.stdout.split(separator: "\n") where line.contains("Box:") {
            let parts = line.split(separator: ":")
            let name = String(parts[0].split(separator: " ").last!)
            result[name] = parts[1].split(separator: " ").compactMap { Double($0) }
        }
        return result
    }

    @Test(.enabled(if: hasPopplerUtils, popplerUtilsMissing))
    func pageBoxesDescribeTrimAndBleed() throws {
        let dir = try makeTempDirectory()
        let path = try printPDF(dir)
        let page1 = try boxes(path, page: 1), page2 = try boxes(path, page: 2)
        func close(_ a: [Double]?, _ b: [Double]) -> Bool {
            guard let a, a.count == 4 else { return false }
            return zip(a, b).allSatisfy { abs($0 - $1) < 0.01 }
        }
        let m = margin, b = 8.504
        #expect(close(page1["MediaBox"], [0, 0, 420 + 2 * m, 300 + 2 * m]), "\(page1)")
        #expect(close(page1["TrimBox"], [m, m, m + 420, m + 300]), "\(page1)")
        #expect(close(page1["BleedBox"], [m - b, m - b, m + 420 + b, m + 300 + b]), "\(page1)")
        #expect(close(page2["MediaBox"], [0, 0, 300 + 2 * m, 420 + 2 * m]), "\(page2)")
        #expect(close(page2["TrimBox"], [m, m, m + 300, m + 420]), "\(page2)")
        #expect(close(page2["BleedBox"], [m - b, m - b, m + 300 + b, m + 420 + b]), "\(page2)")
    }

    /// After inserting the boxes, every xref entry must still point at its object and
    /// startxref at the table — checked here byte by byte, not trusting a lenient reader.
    @Test func crossReferenceTableStaysValid() throws {
        let dir = try makeTempDirectory()
        let pdf = try Array(Data(contentsOf: URL(fileURLWithPath: try printPDF(dir))))
        let text = String(decoding: pdf, as: UTF8.self)
        let tail = String(decoding: pdf.suffix(64), as: UTF8.self)
        let startxref = try #require(tail.split(separator: "\n").reversed().dropFirst().first.flatMap { Int($0) })
        #expect(String(decoding: pdf[startxref..<(startxref + 4)], as: UTF8.self) == "xref")
        let lines = String(decoding: pdf[startxref...], as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[1].split(separator: " ").compactMap { Int($0) }
        #expect(header.count == 2 && header[0] == 0)
        var checked = 0
        for number in 1..<header[1] {
            let entry = lines[1 + 1 + number]
            #expect(entry.utf8.count == 19, "xref entries are 20 bytes with their newline: '\(entry)'")
            let fields = entry.split(separator: " ")
            guard fields.count == 3, fields[2] == "n", let offset = Int(fields[0]) else { continue }
            let head = String(decoding: pdf[offset..<min(pdf.count, offset + 20)], as: UTF8.self)
            #expect(head.hasPrefix("\(number) 0 obj"), "object \(number) not at \(offset): '\(head)'")
            checked += 1
        }
        #expect(checked > 10)
        #expect(text.components(separatedBy: "/TrimBox").count - 1 == 2)
        #expect(text.components(separatedBy: "/BleedBox").count - 1 == 2)
        if hasPopplerUtils {
            let out = try runTool("pdftotext", [dir + "/print.pdf", "-"])
            #expect(out.stderr.isEmpty, "poppler had to repair the file: \(out.stderr)")
            #expect(out.stdout.contains("日长色入石大"))
        }
    }

    /// Renders the print PDF back through poppler and looks for crop marks: black just
    /// outside the trim corner, beyond the bleed; nothing inside the mark gap.
    @Test func cropMarksSitOutsideTheBleed() throws {
        let dir = try makeTempDirectory()
        let path = try printPDF(dir)
        let width = 420 + 2 * margin, height = 300 + 2 * margin
        let sheet = DisplayPage(width: width, height: height, items: [
            .image(ImageItem(source: .pdf(path: path, page: 1), frame: Rect(x: 0, y: 0, width: width, height: height),
                             crop: Rect(x: 0, y: 0, width: width, height: height))),
        ])
        let dpi = 288.0, s = dpi / 72
        let image = try PNGRenderer().renderPage(sheet, dpi: dpi)
        try Data(try PNGRenderer().pngData(for: sheet, dpi: dpi)).write(to: URL(fileURLWithPath: dir + "/sheet.png"))
        func dark(_ x: Double, _ y: Double) -> Bool {
            let p = image.pixel(x: Int(x * s), y: Int(y * s))
            return p.r < 128 && p.g < 128 && p.b < 128
        }
        // Top-left corner: trim at (margin, margin). Horizontal mark along y = margin from
        // x = margin - bleed - 14 to margin - bleed.
        #expect(dark(margin - 8.504 - 7, margin), "horizontal crop mark missing")
        #expect(dark(margin, margin - 8.504 - 7), "vertical crop mark missing")
        #expect(!dark(margin - 4, margin), "crop mark must not enter the bleed")
        #expect(!dark(margin + 5, margin + 5), "nothing drawn at the trim corner")
        // Registration target centred above the page.
        #expect(dark(margin + 210, margin - 8.504 - 7), "registration mark missing")
        // Page content is offset by the margin: the 1 pt rule at y = 50 lands at margin + 50.
        #expect(dark(margin + 200, margin + 50), "page content not offset into the trim")
        #expect(!dark(margin + 200, margin + 48))
    }
}
