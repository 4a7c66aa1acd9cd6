import BroadsheetDisplay
import CCairo

/// What the drawing is for. PDF keeps images as their original data and vectors; raster
/// output samples everything into pixels.
enum RenderTarget { case pdf, raster }

/// Draws one page's display items, in order, into a context whose user space is the page
/// (points, origin top-left, y down).
struct PageDrawer {
    let context: CairoContext
    let fonts: FontCache
    let images: ImageCache
    let target: RenderTarget
    /// 1-based, for warnings.
    let pageNumber: Int
    let minimumImagePPI: Double?
    private(set) var warnings: [RenderWarning] = []

    init(context: CairoContext, fonts: FontCache, images: ImageCache, target: RenderTarget,
         pageNumber: Int, minimumImagePPI: Double?) {
        self.context = context; self.fonts = fonts; self.images = images; self.target = target
        self.pageNumber = pageNumber; self.minimumImagePPI = minimumImagePPI
    }

    mutating func draw(_ items: [DisplayItem]) throws {
        for item in items {
            switch item {
            case .glyphs(let run): try drawGlyphs(run)
            case .image(let image): try drawImage(image)
            case .rule(let rule): try drawRule(rule)
            case .rect(let rect): try drawRect(rect)
            }
        }
    }

    mutating func drawRule(_ rule: RuleItem) throws {
        guard rule.width > 0 else { return }
        context.save()
        context.newPath()
        context.setButtCaps()
        context.setLineWidth(rule.width)
        context.setColor(rule.color)
        context.moveTo(rule.from.x, rule.from.y)
        context.lineTo(rule.to.x, rule.to.y)
        context.stroke()
        context.restore()
        try context.check("drawing rule (owner '\(rule.owner)')")
    }

    mutating func drawRect(_ item: RectItem) throws {
        context.save()
        context.newPath()
        if let fill = item.fill {
            context.setColor(fill)
            context.rectangle(item.rect)
            context.fill()
        }
        if let stroke = item.stroke, item.strokeWidth > 0 {
            context.setButtCaps()
            context.setLineWidth(item.strokeWidth)
            context.setColor(stroke)
            context.rectangle(item.rect)
            context.stroke()
        }
        context.restore()
        try context.check("drawing rect (owner '\(item.owner)')")
    }

    mutating func warn(_ owner: String, _ message: String) {
        warnings.append(RenderWarning(page: pageNumber, owner: owner, message: message))
    }
}
