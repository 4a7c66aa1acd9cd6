import Foundation
import BroadsheetDisplay
import BroadsheetText

/// Everything page composition consults, resolved once per page: geometry, styles, the
/// paragraph setter, and where relative paths in the issue resolve.
struct CompositionContext {
    let geometry: PageGeometry
    let styles: StyleSheet
    let setter: ParagraphSetter
    let runs: GlyphRunBuilder
    let store: FontStore
    /// The issue file (for error messages) and its folder (for relative paths).
    let file: String
    let baseDir: String
    var flow: ColumnFlow { ColumnFlow(geometry: geometry, setter: setter, runs: runs) }

    func style(_ name: String, path: String) throws(LayoutError) -> ResolvedStyle {
        let s = try styles.resolve(name, path: path, file: file)
        guard store.hasRole(s.font) else {
            throw LayoutError(file: file, path: path, "style '\(name)' uses unknown font role '\(s.font)' (known: \(store.roleNames.joined(separator: ", ")))")
        }
        return s
    }

    func resolvePath(_ p: String) -> String {
        p.hasPrefix("/") ? p : (baseDir as NSString).appendingPathComponent(p)
    }

    /// Sets short display text (headlines, captions, furniture) and returns the lines.
    func setLines(_ text: String, style: ResolvedStyle, width: Double, align: TextAlignment? = nil,
                  solid: Bool = false, path: String) throws(LayoutError) -> ComposedParagraph {
        do {
            return try setter.set(StyledText(text, style: style.textStyle), measures: [width],
                                  align: align ?? style.align, indent: style.indent * style.size, latinSpacing: !solid)
        } catch {
            throw LayoutError(file: file, path: path, error.description)
        }
    }

    /// Places set lines from `top` down at the style's leading; returns the height used.
    @discardableResult
    func place(_ p: ComposedParagraph, style: ResolvedStyle, x: Double, top: Double, owner: String,
               kind: String, on canvas: inout PageCanvas) -> Double {
        var y = top
        for line in p.lines {
            let baseline = y + (style.leading - style.size) / 2 + style.size * ideographicAscent
            canvas.add(runs.runs(for: line, text: p.text, origin: Point(x: x, y: baseline), owner: owner,
                                 color: { _ in style.color }))
            if let f = line.glyphs.first {
                canvas.boxes.append(.init(owner: owner, kind: kind,
                                          rect: Rect(x: x + min(0, f.x), y: baseline - style.size * ideographicAscent,
                                                     width: line.width - min(0, f.x), height: style.size)))
            }
            y += style.leading
        }
        return y - top
    }
}
