import BroadsheetText

/// The one place layout asks for a paragraph to be set: shape, then break and justify.
/// Layout never talks to HarfBuzz or to the line breaker directly.
public struct ParagraphSetter: Sendable {
    public let shaper: Shaper
    public init(shaper: Shaper) { self.shaper = shaper }

    /// - Parameters:
    ///   - measures: width of each line in points; the last repeats.
    ///   - indent: first-line indent in points.
    public func set(_ text: StyledText, measures: [Double], align: TextAlignment, indent: Double) throws(FontError) -> ComposedParagraph {
        let shaped = try shaper.shape(text)
        return FirstFitBreaker(alignment: align, firstLineIndent: indent).compose(shaped, measures: measures)
    }
}
