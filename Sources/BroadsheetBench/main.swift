import Foundation
import BroadsheetText

/// broadsheet-bench [CORPUS] [--runs N] [--em 13] [--size 9]
/// Characters composed per second, shaping included, on one core: every paragraph of the
/// corpus shaped and broken into justified lines of `em` ems, optimal and greedy.
/// Prints the median of N runs (after one warm-up), with min and max.

var args = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String, _ def: Double) -> Double {
    guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Double(args[i + 1]) else { return def }
    args.removeSubrange(i...(i + 1))
    return v
}
let runs = Int(option("--runs", 7))
let emWidth = option("--em", 13)
let size = option("--size", 9)
/// The checkout this binary was built from (Sources/BroadsheetBench/main.swift → root).
let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// The peer benchmark's 100k-character corpus when ../shared is beside the checkout; else the
/// bundled sample issue's texts repeated to the same size, so the benchmark runs anywhere.
let corpusCandidates = [repo.deletingLastPathComponent().appendingPathComponent("shared/bench/peers/corpus/big.txt").path]
var paragraphs: [String] = []
var source = ""
if let path = args.first ?? corpusCandidates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
        exit(1)
    }
    paragraphs = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
    source = path
} else {
    let samples = repo.appendingPathComponent("Layouts/samples")
    let files = (FileManager.default.enumerator(atPath: samples.path)?.compactMap { $0 as? String } ?? [])
        .filter { $0.hasSuffix(".txt") }.sorted()
    var once: [String] = []
    for f in files {
        let t = (try? String(contentsOf: samples.appendingPathComponent(f), encoding: .utf8)) ?? ""
        once += t.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("## ") }
    }
    let size = once.reduce(0) { $0 + $1.count }
    guard size > 0 else { FileHandle.standardError.write(Data("no corpus found\n".utf8)); exit(1) }
    for _ in 0..<max(1, 100_000 / size) { paragraphs += once }
    source = "Layouts/samples/**/*.txt ×\(max(1, 100_000 / size))"
}
let style = TextStyle(role: "body", size: size)
let texts = paragraphs.map { StyledText($0, style: style) }
let characters = texts.reduce(0) { $0 + $1.scalars.count }
let store = try FontStore.bundled()
let shaper = Shaper(store: store)
let measure = emWidth * size

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }

@MainActor func time(_ label: String, _ body: () throws -> Int) rethrows {
    _ = try body()                                   // warm-up: fonts, halt metrics
    var rates: [Double] = []
    var lines = 0
    for _ in 0..<runs {
        let t0 = DispatchTime.now().uptimeNanoseconds
        lines = try body()
        let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        rates.append(Double(characters) / dt)
    }
    let m = median(rates)
    print("\(label.padding(toLength: 22, withPad: " ", startingAt: 0)) median \(String(format: "%10.0f", m)) chars/s  (min \(String(format: "%.0f", rates.min()!)), max \(String(format: "%.0f", rates.max()!)); \(lines) lines)")
}

print("corpus \(source): \(paragraphs.count) paragraphs, \(characters) characters; measure \(emWidth) em at \(size) pt; \(runs) runs, one core")
try time("shaping only") {
    var n = 0
    for t in texts { n += try shaper.shape(t).clusters.count }
    return n
}
for mode in [ComposerOptions.Mode.optimal, .greedy] {
    let composer = ParagraphComposer(shaper: shaper, options: ComposerOptions(mode: mode))
    try time("shape+compose \(mode)") {
        var n = 0
        for t in texts { n += try composer.compose(t, measures: [measure]).lines.count }
        return n
    }
}
