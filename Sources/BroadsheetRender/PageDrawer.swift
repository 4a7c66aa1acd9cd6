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

    /// Consecutive runs in one face, size and colour are drawn with a single Cairo call:
    /// Cairo's per-call cost (font and state lookups, cluster checks) dominates a galley of
    /// 8,000 one-line runs, while one long call writes the same text, positions and
    /// ActualText. Each run's own cluster map is checked before it joins the call.
    mutating func draw(_ items: [DisplayItem]) throws {
        var i = 0
        while i < items.count {
            guard case .glyphs(let first) = items[i] else {
                switch items[i] {
                case .image(let image): try drawImage(image)
                case .rule(let rule): try drawRule(rule)
                case .rect(let rect): try drawRect(rect)
                case .glyphs: break
                }
                i += 1
                continue
            }
            var j = i + 1
            while j < items.count, case .glyphs(let r) = items[j], r.font == first.font, r.size == first.size,
                  r.color == first.color, !r.clusters.isEmpty, !first.clusters.isEmpty { j += 1 }
            try drawGlyphs(items[i..<j])
            i = j
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
