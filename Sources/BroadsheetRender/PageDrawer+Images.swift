import BroadsheetDisplay

extension PageDrawer {
    /// Maps `crop` (image coordinates) onto `frame` (page coordinates) and clips to the
    /// frame, so layout's fill-and-crop needs no resampling: the PDF keeps the whole original
    /// image and the viewer or RIP does the scaling at output resolution.
    mutating func drawImage(_ item: ImageItem) throws {
        let image: LoadedImage
        do {
            image = try images.image(item.source)
        } catch let error as RenderError where !item.origin.isEmpty {
            throw RenderError.image(origin: item.origin, error)
        }
        let frame = item.frame, crop = item.crop
        guard frame.width > 0, frame.height > 0, crop.width > 0, crop.height > 0 else {
            warn(item.owner, "image \(item.source) skipped: empty frame or crop")
            return
        }
        context.save()
        context.newPath()
        context.rectangle(frame)
        context.clip()
        context.translate(frame.x, frame.y)
        context.scale(frame.width / crop.width, frame.height / crop.height)
        context.translate(-crop.x, -crop.y)
        switch image {
        case .raster(let surface):
            context.setSource(surface, pad: target == .raster)
            context.paint()
            if target == .pdf { checkResolution(item) }
        case .pdfPage(let page):
            // A group keeps whatever state poppler leaves behind (operators, sources) from
            // leaking into our page; on a PDF surface the group is a vector form XObject.
            context.pushGroup()
            page.render(into: context)
            context.popGroupToSource()
            context.paint()
        }
        context.restore()
        try context.check("drawing image \(item.source) (owner '\(item.owner)')")
    }

    private mutating func checkResolution(_ item: ImageItem) {
        guard let minimum = minimumImagePPI else { return }
        let ppi = min(item.crop.width / (item.frame.width / 72), item.crop.height / (item.frame.height / 72))
        if ppi < minimum {
            warn(item.owner, "image \(item.source) is \(Int(ppi.rounded())) ppi at its placed size (minimum \(Int(minimum)))")
        }
    }
}
