import BroadsheetDisplay

/// Where a trimmed page sits on the press sheet: the bleed around the trim and, optionally, a
/// slug outside the bleed for the marks. With no slug the MediaBox is exactly trim plus
/// twice the bleed (what the plant's imposition expects) and the crop and registration marks
/// sit in the outer two thirds of the bleed band, outside the trim; with a slug
/// (`PrintGeometry.markLength`) they move out of the bleed entirely, as InDesign's slug does.
struct PrintLayout {
    let geometry: PrintGeometry
    let trimWidth: Double
    let trimHeight: Double

    var slug: Double { max(0, geometry.markLength) }
    /// Gap between the trim corner and the start of a crop mark, so a slightly misplaced cut
    /// never leaves a mark on the page.
    var markOffset: Double { slug > 0 ? geometry.bleed + 1 : geometry.bleed / 3 }
    /// Trim edge to media edge.
    var margin: Double { geometry.bleed + slug }
    /// Marks run from `markOffset` to the media edge (less a point of air with a slug).
    var markLength: Double { max(0, margin - markOffset - (slug > 0 ? 1 : 0)) }
    var mediaWidth: Double { trimWidth + 2 * margin }
    var mediaHeight: Double { trimHeight + 2 * margin }

    /// Boxes in PDF user space (origin bottom-left); the layout is symmetric, so the y
    /// range is the same as in our top-left space.
    var trimBox: [Double] { [margin, margin, margin + trimWidth, margin + trimHeight] }
    var bleedBox: [Double] {
        let b = geometry.bleed
        return [margin - b, margin - b, margin + trimWidth + b, margin + trimHeight + b]
    }

    /// Crop marks at the four corners and registration targets centred on each side, in
    /// pure black, in media coordinates (top-left origin).
    func drawMarks(_ context: CairoContext) {
        let m = margin, o = markOffset, len = markLength
        guard len > 0 else { return }
        let left = m, right = m + trimWidth, top = m, bottom = m + trimHeight
        context.save()
        context.newPath()
        context.setButtCaps()
        context.setLineWidth(0.25)
        context.setColor(.black)
        for (x, dx) in [(left, -1.0), (right, 1.0)] {
            for (y, dy) in [(top, -1.0), (bottom, 1.0)] {
                context.moveTo(x + dx * o, y)
                context.lineTo(x + dx * (o + len), y)
                context.moveTo(x, y + dy * o)
                context.lineTo(x, y + dy * (o + len))
            }
        }
        let centre = o + len / 2
        let radius = len * 0.3
        let targets = [(trimWidth / 2 + m, top - centre), (trimWidth / 2 + m, bottom + centre),
                       (left - centre, trimHeight / 2 + m), (right + centre, trimHeight / 2 + m)]
        for (x, y) in targets {
            context.moveTo(x - len / 2, y)
            context.lineTo(x + len / 2, y)
            context.moveTo(x, y - len / 2)
            context.lineTo(x, y + len / 2)
            context.circle(x: x, y: y, radius: radius)
        }
        context.stroke()
        context.restore()
    }
}
