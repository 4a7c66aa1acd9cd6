import BroadsheetDisplay
import Foundation
import Testing
@testable import BroadsheetRender

/// Noto Serif CJK SC: face 2 of the collection (0 = JP, 1 = KR, 2 = SC, 3 = TC, …).
let notoSerifSC = FontRef(path: "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", faceIndex: 2)
let wenKai = FontRef(path: "/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf", faceIndex: 0)

/// A fresh directory per test, so parallel tests never see each other's files.
func makeTempDirectory(_ name: String = #function) throws -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "broadsheet-render-\(safe)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Result of an external tool.
struct ToolOutput { var status: Int32; var stdout: String; var stderr: String }

struct ToolMissing: Error { var name: String }

/// Tests that read our output back with poppler-utils are skipped (with this reason) when
/// the tools are absent; everything else always runs.
let hasPopplerUtils = ["pdftotext", "pdffonts", "pdfimages", "pdfinfo"].allSatisfy { toolPath($0) != nil }
let popplerUtilsMissing: Comment = "poppler-utils (pdftotext, pdffonts, pdfimages, pdfinfo) not installed"

func toolPath(_ name: String) -> String? {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    return nil
}

func runTool(_ name: String, _ arguments: [String]) throws -> ToolOutput {
    guard let path = toolPath(name) else { throw ToolMissing(name: name) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolOutput(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
}

func run(_ text: String, font: FontRef = notoSerifSC, size: Double = 24, x: Double, y: Double,
         color: RGBColor = .black, owner: String = "test") throws -> DisplayItem {
    .glyphs(try cmapGlyphRun(text, font: font, size: size, origin: Point(x: x, y: y), color: color, owner: owner))
}

/// Writes a w×h RGB JPEG with a left red half and right blue half (or gray if `gray`).
func makeJPEG(at path: String, width: Int, height: Int, gray: Bool = false) throws {
    let components = gray ? 1 : 3
    var pixels: [UInt8] = []
    for _ in 0..<height {
        for x in 0..<width {
            if gray { pixels.append(x < width / 2 ? 40 : 220) }
            else { pixels += x < width / 2 ? [220, 20, 20] : [20, 20, 220] }
        }
    }
    let bytes = try JPEGCodec.encode(pixels: pixels, width: width, height: height, components: components)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func files(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
}

/// Page 1 of the PDF at `path`, rastered by poppler on white, `scale` pixels per point.
func rasterPage(ofPDF path: String, width: Int, height: Int, scale: Double) throws -> RasterImage {
    let surface = try CairoSurface.image(width: width, height: height)
    let context = try CairoContext(surface: surface)
    context.setColor(.white)
    context.paint()
    context.scale(scale, scale)
    try PopplerPDF(path: path).page(1).render(into: context)
    return RasterImage(surface: surface)
}

/// Writes a w×h PNG: green fill with a black rectangle in the top-left quarter.
func makePNG(at path: String, width: Int, height: Int) throws {
    let surface = try CairoSurface.image(width: width, height: height)
    let context = try CairoContext(surface: surface)
    context.setColor(RGBColor(r: 0, g: 0.6, b: 0))
    context.paint()
    context.setColor(.black)
    context.rectangle(Rect(x: 0, y: 0, width: Double(width) / 2, height: Double(height) / 2))
    context.fill()
    try Data(try surface.writePNG("fixture")).write(to: URL(fileURLWithPath: path))
}

/// Writes a one-page vector "advertisement" PDF with extractable text.
func makeAdPDF(at path: String) throws {
    let page = DisplayPage(width: 200, height: 100, items: [
        .rect(RectItem(rect: Rect(x: 5, y: 5, width: 190, height: 90), fill: RGBColor(r: 1, g: 0.9, b: 0.6),
                       stroke: .black, strokeWidth: 2)),
        try run("广告招商", size: 30, x: 40, y: 62),
    ])
    try PDFRenderer().write(DisplayDocument(title: "ad", date: "2024-12-01", pages: [page]), to: path)
}

/// A two-page document touching every item kind, with images in `dir`.
func sampleDocument(in dir: String) throws -> DisplayDocument {
    try makeJPEG(at: dir + "/photo.jpg", width: 64, height: 48)
    try makePNG(at: dir + "/logo.png", width: 40, height: 40)
    try makeAdPDF(at: dir + "/ad.pdf")
    let first = DisplayPage(width: 420, height: 300, items: [
        try run("日长色入石大", x: 20, y: 40),
        .rule(RuleItem(from: Point(x: 20, y: 50), to: Point(x: 400, y: 50), width: 1)),
        .image(ImageItem(source: .jpeg(path: dir + "/photo.jpg"), frame: Rect(x: 20, y: 60, width: 128, height: 96),
                         crop: Rect(x: 0, y: 0, width: 64, height: 48), owner: "photo")),
        .image(ImageItem(source: .png(path: dir + "/logo.png"), frame: Rect(x: 160, y: 60, width: 40, height: 40),
                         crop: Rect(x: 0, y: 0, width: 40, height: 40), owner: "logo")),
        .image(ImageItem(source: .pdf(path: dir + "/ad.pdf", page: 1), frame: Rect(x: 210, y: 60, width: 200, height: 100),
                         crop: Rect(x: 0, y: 0, width: 200, height: 100), owner: "ad")),
        .rect(RectItem(rect: Rect(x: 20, y: 180, width: 380, height: 100), fill: RGBColor(r: 0.9, g: 0.9, b: 0.9),
                       stroke: RGBColor(r: 0.7, g: 0, b: 0), strokeWidth: 1)),
        try run("AI大模型132.2%", size: 18, x: 30, y: 230, color: RGBColor(r: 0.7, g: 0, b: 0)),
    ], label: "A1")
    let second = DisplayPage(width: 300, height: 420, items: [
        try run("霞鹜文楷", font: wenKai, size: 20, x: 20, y: 40),
        .image(ImageItem(source: .jpeg(path: dir + "/photo.jpg"), frame: Rect(x: 20, y: 60, width: 100, height: 100),
                         crop: Rect(x: 10, y: 0, width: 48, height: 48), owner: "photo-again")),
    ], label: "A2")
    return DisplayDocument(title: "样张 Sample", date: "2025-01-10", pages: [first, second])
}
