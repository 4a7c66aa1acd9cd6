import Foundation
import Testing
import BroadsheetDisplay
import BroadsheetLayout
import BroadsheetText

/// Shared set-up for layout tests: the bundled fonts and templates, and issues written to a
/// temporary folder so each test states its own page.
enum LayoutFixtures {
    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let layouts = repo + "/Layouts"
    static let store: FontStore = try! FontStore.bundled()

    /// A paragraph of real news text (from the sample lead story) for filling columns.
    static let newsText = "近日，第三批省级特色产业集群核心区协同区和“新星”产业群名单公布，平湖绿色石化产业、算力产业分别成功入选省级协同区和“新星”产业集群名单。截至目前，平湖已成功创建机器人与数控机床产业集群核心区、新能源汽车与零部件产业集群协同区、绿色石化产业集群协同区、算力产业“新星”产业群共4个省级先进制造业集群，为嘉兴地区最多。"

    static func tempDir() -> String {
        let d = NSTemporaryDirectory() + "broadsheet-layout-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// Writes an issue with the given elements on one page and composes it.
    static func compose(elements: String, template: String = "broadsheet", extra: String = "") throws -> ComposedIssue {
        let dir = tempDir()
        let json = """
        { "paper": { "name": "测试日报" }, "date": "2025-01-10", \(extra)
          "pages": [ { "template": "\(template)", "elements": [ \(elements) ] } ] }
        """
        let path = dir + "/issue.json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return try IssueComposer(store: store, layoutsDir: layouts).compose(issueAt: path)
    }

    static func composeError(elements: String, extra: String = "") -> LayoutError? {
        do {
            _ = try compose(elements: elements, extra: extra)
            return nil
        } catch let e as LayoutError {
            return e
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    static func runs(_ c: ComposedIssue, page: Int = 0, owner: String? = nil) -> [GlyphRun] {
        c.document.pages[page].items.compactMap {
            if case .glyphs(let r) = $0, owner == nil || r.owner == owner { return r }
            return nil
        }
    }
}
