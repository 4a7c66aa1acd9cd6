// swift-tools-version:6.0
import PackageDescription

/// Targets follow the data flow: text (fonts, shaping, breaking) → layout (model, pages,
/// columns) → display list → render (Cairo). Each arrow is a target boundary, so the
/// compiler enforces that layout never imports Cairo and text never imports layout.
let package = Package(
    name: "Broadsheet",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "broadsheet", targets: ["BroadsheetCLI"]),
        .executable(name: "broadsheet-bench", targets: ["BroadsheetBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Thin module maps over the Debian C libraries (found through pkg-config).
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz",
                       providers: [.apt(["libharfbuzz-dev"])]),
        // HarfBuzz's subsetter (libharfbuzz-subset, shipped by the same -dev package): the PDF
        // renderer cuts each face down to the glyphs a document uses before Cairo sees it.
        .systemLibrary(name: "CHarfBuzzSubset", pkgConfig: "harfbuzz-subset",
                       providers: [.apt(["libharfbuzz-dev"])]),
        .systemLibrary(name: "CFreeType", pkgConfig: "freetype2",
                       providers: [.apt(["libfreetype-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo-ft",
                       providers: [.apt(["libcairo2-dev"])]),
        // libdeflate: the PDF writer deflates page content on every core, at libdeflate's
        // fastest level (see PDFStreamCompressor).
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg",
                       providers: [.apt(["libjpeg62-turbo-dev"])]),

        // Pure Swift: what layout hands to a renderer. No C, no fonts loaded.
        .target(name: "BroadsheetDisplay"),
        // Fonts, shaping, Chinese line breaking. Never imports layout.
        .target(name: "BroadsheetText", dependencies: ["CHarfBuzz", "CFreeType"]),
        // Issue model, page composition, column flow. Never imports Cairo.
        .target(name: "BroadsheetLayout", dependencies: ["BroadsheetText", "BroadsheetDisplay"]),
        // Draws a display list with Cairo to PDF and PNG.
        .target(name: "BroadsheetRender",
                dependencies: ["BroadsheetDisplay", "BroadsheetText", "CCairo", "CFreeType", "CHarfBuzzSubset",
                               "CJPEG", "CDeflate", "BroadsheetPoppler"]),
        // poppler-glib, loaded with dlopen on first use (PDF ads, preflight, diff of PDFs):
        // linking it cost every command ~8 ms of start-up.
        .target(name: "BroadsheetPoppler"),
        // Image comparison: reads PNG and PDF pages only, knows nothing of layout.
        .target(name: "BroadsheetDiff", dependencies: ["CCairo", "BroadsheetPoppler"]),
        .executableTarget(name: "BroadsheetCLI", dependencies: [
            "BroadsheetText", "BroadsheetLayout", "BroadsheetRender", "BroadsheetDiff", "BroadsheetDisplay",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "BroadsheetBench", dependencies: [
            "BroadsheetText", "BroadsheetLayout", "BroadsheetRender", "BroadsheetDisplay",
        ]),

        .testTarget(name: "BroadsheetTextTests", dependencies: ["BroadsheetText"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "BroadsheetLayoutTests", dependencies: ["BroadsheetLayout", "BroadsheetText", "BroadsheetDisplay"]),
        .testTarget(name: "BroadsheetRenderTests", dependencies: ["BroadsheetRender", "BroadsheetLayout", "BroadsheetText", "BroadsheetDisplay"]),
        // CCairo: the PDF-rasterising test draws its own PDF with cairo's PDF surface.
        // Scripts/ holds the pixelmatch agreement and ImageMagick benchmark scripts.
        .testTarget(name: "BroadsheetDiffTests", dependencies: ["BroadsheetDiff", "CCairo"],
                    exclude: ["Scripts"]),
        .testTarget(name: "BroadsheetCLITests", dependencies: ["BroadsheetCLI"], exclude: ["Baselines"]),
    ],
    swiftLanguageModes: [.v6]
)
