import BroadsheetDisplay
import Foundation
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

/// Result of an external tool; nil when the tool is not installed.
struct ToolOutput { var status: Int32; var stdout: String; var stderr: String }

func toolPath(_ name: String) -> String? {
    for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
        return "\(dir)/\(name)"
    }
    return nil
}

func runTool(_ name: String, _ arguments: [String]) throws -> ToolOutput? {
    guard let path = toolPath(name) else { return nil }
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
