import Foundation
import Testing
@testable import BroadsheetLayout
import BroadsheetText

/// Keeps Layouts/issue.schema.json and Layouts/template.schema.json in step with the Swift
/// model, `KeyCheck` and the templates, and checks the sample issue and the templates against
/// the schemas with a small validator (the subset of JSON Schema 2020-12 the schemas use).
@Suite struct SchemaTests {

    // MARK: - Files

    static let repo: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let layouts = repo + "/Layouts"
    static let samplePath = layouts + "/samples/pinghu-2025-01-10.json"

    static func json(at path: String) throws -> Any {
        let data = try #require(FileManager.default.contents(atPath: path), Comment(rawValue: "cannot read \(path)"))
        return try JSONSerialization.jsonObject(with: data)
    }
    static func object(at path: String) throws -> [String: Any] {
        try #require(try json(at: path) as? [String: Any], Comment(rawValue: "\(path) is not a JSON object"))
    }
    static func issueSchema() throws -> [String: Any] { try object(at: layouts + "/issue.schema.json") }
    static func templateSchema() throws -> [String: Any] { try object(at: layouts + "/template.schema.json") }
    static func templatePaths() throws -> [String] {
        let dir = layouts + "/templates"
        return try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasSuffix(".json") }.sorted().map { dir + "/" + $0 }
    }

    static func canonical(_ v: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: v, options: [.sortedKeys])
    }

    static func def(_ schema: [String: Any], _ name: String) throws -> [String: Any] {
        let defs = try #require(schema["$defs"] as? [String: Any], "schema has no $defs")
        return try #require(defs[name] as? [String: Any], Comment(rawValue: "schema has no $defs/\(name)"))
    }
    static func propertyNames(_ s: [String: Any]) -> Set<String> {
        Set((s["properties"] as? [String: Any] ?? [:]).keys)
    }
    static func required(_ s: [String: Any]) -> Set<String> { Set(s["required"] as? [String] ?? []) }

    /// The `oneOf` branches of the issue schema's element definition, by their `type` const.
    static func elementBranches(_ schema: [String: Any]) throws -> [String: [String: Any]] {
        let element = try def(schema, "element")
        let branches = try #require(element["oneOf"] as? [[String: Any]], "$defs/element has no oneOf")
        let v = SchemaValidator(root: schema)
        var out: [String: [String: Any]] = [:]
        for b in branches {
            let resolved = try #require(v.resolve(b), Comment(rawValue: "unresolvable element branch \(b)"))
            let type = try #require(v.typeConst(resolved), Comment(rawValue: "element branch without a `type` const: \(b)"))
            #expect(out[type] == nil, Comment(rawValue: "two element branches for type '\(type)'"))
            out[type] = resolved
        }
        return out
    }

    // MARK: - The Swift model, seen through Mirror

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// Stored property names of a value, and those that are not optional.
    static func fields(_ value: Any) -> (all: Set<String>, required: Set<String>) {
        var all: Set<String> = [], req: Set<String> = []
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            all.insert(label)
            if !String(describing: type(of: child.value)).hasPrefix("Optional<") { req.insert(label) }
        }
        return (all, req)
    }

    static let grid = #"{"column": 1, "span": 1, "top": 0, "height": 1}"#

    /// Each kind of object in the issue format: where the schema defines it, what KeyCheck
    /// allows in it (nil where KeyCheck does not look) and the Swift value that decodes it.
    struct Kind {
        var name: String
        var schema: [String: Any]
        var keyCheck: Set<String>?
        var model: (all: Set<String>, required: Set<String>)
    }

    static func issueKinds() throws -> [Kind] {
        let s = try issueSchema()
        func plus(_ f: (all: Set<String>, required: Set<String>), _ extra: Set<String>, required: Bool = true)
            -> (all: Set<String>, required: Set<String>) {
            (f.all.union(extra), required ? f.required.union(extra) : f.required)
        }
        let branches = try elementBranches(s)
        // A missing branch compares as an empty schema, so every other kind is still checked.
        func branch(_ t: String) -> [String: Any] { branches[t] ?? [:] }
        let g = fields(try decode(GridRect.self, grid))
        let box = fields(try decode(BoxSpec.self, "{}"))
        return [
            Kind(name: "issue", schema: s, keyCheck: KeyCheck.root,
                 model: fields(try decode(Issue.self, #"{"paper": {"name": "n"}, "date": "2025-01-10", "pages": []}"#))),
            Kind(name: "paper", schema: try def(s, "paper"), keyCheck: KeyCheck.paper, model: fields(try decode(Paper.self, #"{"name": "n"}"#))),
            Kind(name: "page", schema: try def(s, "page"), keyCheck: KeyCheck.page,
                 model: fields(try decode(Page.self, #"{"template": "t", "elements": []}"#))),
            Kind(name: "style", schema: try def(s, "style"), keyCheck: KeyCheck.style, model: fields(try decode(StyleSpec.self, "{}"))),
            Kind(name: "userFont", schema: try def(s, "userFont"), keyCheck: KeyCheck.userFont,
                 model: fields(try decode(UserFont.self, #"{"file": "f"}"#))),
            Kind(name: "headline", schema: try def(s, "headline"), keyCheck: KeyCheck.headline,
                 model: fields(try decode(HeadlineStack.self, #"{"main": "m"}"#))),
            // A photo inside an article: KeyCheck shares the page photo's key set, `type` included.
            Kind(name: "article photo", schema: try def(s, "photo"), keyCheck: KeyCheck.photo,
                 model: plus(fields(try decode(PhotoSpec.self, #"{"file": "f", "column": 1, "span": 1, "top": 0, "height": 1}"#)), ["type"], required: false)),
            Kind(name: "article box", schema: try def(s, "box"), keyCheck: KeyCheck.box, model: box),
            Kind(name: "shape rectangle", schema: try def(s, "gridRect"), keyCheck: KeyCheck.grid, model: g),
            Kind(name: "text paragraph", schema: try def(s, "paragraph"), keyCheck: nil,
                 model: fields(try decode(TextFrameSpec.Paragraph.self, #"{"style": "s", "text": "t"}"#))),
            Kind(name: "element article", schema: branch("article"), keyCheck: KeyCheck.elements["article"],
                 model: plus(fields(try decode(ArticleSpec.self, #"{"id": "a", "body": []}"#)), ["type"])),
            Kind(name: "element continuation", schema: branch("continuation"), keyCheck: KeyCheck.elements["continuation"],
                 model: plus(fields(try decode(ContinuationSpec.self, #"{"id": "c", "of": "a", "column": 1, "span": 1, "top": 0, "height": 1}"#)), ["type"])),
            Kind(name: "element photo", schema: branch("photo"), keyCheck: KeyCheck.elements["photo"],
                 model: plus(fields(try decode(PhotoSpec.self, #"{"file": "f", "column": 1, "span": 1, "top": 0, "height": 1}"#)), ["type"])),
            Kind(name: "element ad", schema: branch("ad"), keyCheck: KeyCheck.elements["ad"],
                 model: plus(fields(try decode(AdSpec.self, #"{"id": "x", "file": "f", "column": 1, "span": 1, "top": 0, "height": 1}"#)), ["type"])),
            Kind(name: "element rule", schema: branch("rule"), keyCheck: KeyCheck.elements["rule"],
                 model: plus(fields(try decode(RuleSpec.self, #"{"column": 1, "top": 0}"#)), ["type"])),
            Kind(name: "element box", schema: branch("box"), keyCheck: KeyCheck.elements["box"],
                 model: plus((g.all.union(box.all), g.required.union(box.required)), ["type"])),
            Kind(name: "element text", schema: branch("text"), keyCheck: KeyCheck.elements["text"],
                 model: plus(fields(try decode(TextFrameSpec.self, #"{"x": 1, "y": 1, "width": 1, "height": 1, "paragraphs": []}"#)), ["type"])),
        ]
    }

    // MARK: - Schema ↔ KeyCheck ↔ model

    @Test func issueSchemaPropertiesEqualKeyCheck() throws {
        let kinds = try Self.issueKinds()
        #expect(kinds.filter { $0.keyCheck != nil }.count == 9 + KeyCheck.elements.count)
        for k in kinds {
            let names = Self.propertyNames(k.schema)
            #expect(names.isSuperset(of: KeyCheck.common), Comment(rawValue: "\(k.name): schema lacks \(KeyCheck.common.subtracting(names).sorted())"))
            guard let allowed = k.keyCheck else { continue }
            let props = names.subtracting(KeyCheck.common)
            #expect(props == allowed, Comment(rawValue: """
                \(k.name): schema-only \(props.subtracting(allowed).sorted()), KeyCheck-only \(allowed.subtracting(props).sorted())
                """))
        }
    }

    @Test func issueSchemaPropertiesAndRequiredMatchModel() throws {
        for k in try Self.issueKinds() {
            let props = Self.propertyNames(k.schema).subtracting(KeyCheck.common)
            #expect(props == k.model.all, Comment(rawValue: """
                \(k.name): schema-only \(props.subtracting(k.model.all).sorted()), model-only \(k.model.all.subtracting(props).sorted())
                """))
            #expect(Self.required(k.schema) == k.model.required,
                    Comment(rawValue: "\(k.name): schema requires \(Self.required(k.schema).sorted()), the model \(k.model.required.sorted())"))
        }
    }

    @Test func everyElementTypeHasASchemaBranch() throws {
        let branches = try Self.elementBranches(try Self.issueSchema())
        #expect(Set(branches.keys) == Set(Element.types), Comment(rawValue: "schema \(branches.keys.sorted()), Element.types \(Element.types.sorted())"))
        #expect(Set(KeyCheck.elements.keys) == Set(Element.types))
        for (type, b) in branches {
            #expect(Self.required(b).contains("type"), Comment(rawValue: "element '\(type)' does not require `type`"))
        }
    }

    @Test func templateSchemaMatchesModel() throws {
        let s = try Self.templateSchema()
        let t = try Self.decode(Template.self, String(decoding: try #require(FileManager.default.contents(atPath: Self.layouts + "/templates/broadsheet.json")), as: UTF8.self))
        let standalone = try Self.def(s, "standalone")
        let full = standalone["properties"] as? [String: Any] ?? [:]
        let kinds: [(String, [String: Any], Set<String>, (all: Set<String>, required: Set<String>))] = [
            ("template", s, Self.required(standalone), Self.fields(t)),
            ("trim", try Self.def(s, "trim"), Self.required(full["trim"] as? [String: Any] ?? [:]), Self.fields(t.trim)),
            ("grid", try Self.def(s, "grid"), Self.required(full["grid"] as? [String: Any] ?? [:]), Self.fields(t.grid)),
            ("masthead", try Self.def(s, "gridRect"), Self.required(try Self.def(s, "gridRect")), Self.fields(try Self.decode(GridRect.self, Self.grid))),
            ("style", try Self.def(s, "style"), Self.required(try Self.def(s, "style")), Self.fields(try Self.decode(StyleSpec.self, "{}"))),
        ]
        for (name, schema, required, model) in kinds {
            let props = Self.propertyNames(schema)
            #expect(props.isSuperset(of: KeyCheck.common), Comment(rawValue: "\(name): schema lacks \(KeyCheck.common.subtracting(props).sorted())"))
            #expect(props.subtracting(KeyCheck.common) == model.all,
                    Comment(rawValue: "\(name): schema-only \(props.subtracting(KeyCheck.common).subtracting(model.all).sorted()), model-only \(model.all.subtracting(props).sorted())"))
            // A template without `base` must be complete: there the schema's requirements are the model's.
            #expect(required == model.required, Comment(rawValue: "\(name): schema requires \(required.sorted()), the model \(model.required.sorted())"))
        }
        #expect(Self.propertyNames(try Self.def(s, "style")).subtracting(KeyCheck.common) == KeyCheck.style)
    }

    @Test func definitionsSharedByBothSchemasAreIdentical() throws {
        let issue = try Self.issueSchema(), template = try Self.templateSchema()
        for name in ["style", "gridRect", "color", "lengthString", "haoSize", "lengthPt", "lengthMm", "lengthEm"] {
            let a = try Self.canonical(try Self.def(issue, name)), b = try Self.canonical(try Self.def(template, name))
            #expect(a == b, Comment(rawValue: "$defs/\(name) differs between issue.schema.json and template.schema.json"))
        }
    }

    // MARK: - Enumerations and patterns against the code

    @Test func alignmentAndHaoEnumsMatchTheCode() throws {
        for s in [try Self.issueSchema(), try Self.templateSchema()] {
            let style = try Self.def(s, "style")
            let align = try #require((style["properties"] as? [String: Any])?["align"] as? [String: Any])
            #expect(Set(align["enum"] as? [String] ?? []) == Set(TextAlignment.allCases.map(\.rawValue)))
            #expect(Set(try Self.def(s, "haoSize")["enum"] as? [String] ?? []) == Set(Length.haoSizes.keys))
        }
    }

    @Test(arguments: ["9pt", "3.175mm", "2em", "12lines", "1line", "3col", "2cols", "1.5columns", "1cm", "0.5in", "9", "13.5",
                      "9 pt", "小五", "初号", "八号",
                      "9px", "pt", "abc", "em2", "9ptt", "大五", ""])
    func lengthSchemaAgreesWithLengthParse(_ text: String) throws {
        let s = try Self.issueSchema()
        let v = SchemaValidator(root: s)
        let schemaAccepts = v.validate(text, against: try Self.def(s, "lengthPt")).isEmpty
        #expect(schemaAccepts == (Length.parse(text, defaultUnit: "pt") != nil),
                "schema \(schemaAccepts ? "accepts" : "rejects") '\(text)', Length.parse \(schemaAccepts ? "rejects" : "accepts") it")
    }

    // MARK: - Templates

    /// Style names the engine asks for by literal name: `ctx.style("caption", …)` and the
    /// defaults in `ctx.style(h.mainStyle ?? "headline", …)`.
    static func engineStyleNames() throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: #"ctx\.style\(\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\?\?\s*)?"([^"\\]+)""#)
        var names: Set<String> = []
        let root = repo + "/Sources"
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).filter { $0.hasSuffix(".swift") }
        for f in files {
            let text = try String(contentsOfFile: root + "/" + f, encoding: .utf8)
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let r = Range(m.range(at: 1), in: text) { names.insert(String(text[r])) }
            }
        }
        return names
    }

    @Test func everyStyleTheEngineUsesIsDefinedInTheBroadsheetTemplate() throws {
        let names = try Self.engineStyleNames()
        for expected in ["body", "headline", "kicker", "subhead", "caption", "masthead-title", "footer"] {
            #expect(names.contains(expected), Comment(rawValue: "the source scan no longer finds ctx.style(\"\(expected)\"…)"))
        }
        let styles = try #require(try Self.object(at: Self.layouts + "/templates/broadsheet.json")["styles"] as? [String: Any])
        for n in names.sorted() {
            #expect(styles[n] != nil, Comment(rawValue: "the engine uses style '\(n)' but Layouts/templates/broadsheet.json does not define it"))
        }
        for (n, st) in styles {
            if let base = (st as? [String: Any])?["base"] as? String {
                #expect(styles[base] != nil, Comment(rawValue: "style '\(n)' extends undefined style '\(base)'"))
            }
        }
    }

    @Test func stylesNamedInTheSampleExist() throws {
        let sample = try Self.object(at: Self.samplePath)
        var defined = Set((try Self.object(at: Self.layouts + "/templates/broadsheet.json")["styles"] as? [String: Any] ?? [:]).keys)
        defined.formUnion((sample["styles"] as? [String: Any] ?? [:]).keys)
        var used: [String] = []
        func walk(_ v: Any) {
            if let d = v as? [String: Any] {
                for (k, x) in d {
                    if k.hasSuffix("Style") || (k == "style" && d["text"] != nil), let s = x as? String { used.append(s) }
                    walk(x)
                }
            } else if let a = v as? [Any] { a.forEach(walk) }
        }
        walk(sample)
        #expect(!used.isEmpty)
        for u in used { #expect(defined.contains(u), Comment(rawValue: "the sample uses undefined style '\(u)'")) }
    }

    // MARK: - Validating the files

    @Test func sampleIssueIsAccepted() throws {
        let sample = try Self.object(at: Self.samplePath)
        let ref = try #require(sample["$schema"] as? String)
        let resolved = ((Self.samplePath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(ref)
        #expect((resolved as NSString).standardizingPath == ((Self.layouts + "/issue.schema.json") as NSString).standardizingPath)
        let errors = SchemaValidator(root: try Self.issueSchema()).validate(sample)
        #expect(errors.isEmpty, "\(errors.joined(separator: "\n"))")
    }

    @Test func templatesAreAccepted() throws {
        let paths = try Self.templatePaths()
        #expect(paths.count >= 2)
        let v = SchemaValidator(root: try Self.templateSchema())
        for p in paths {
            let errors = v.validate(try Self.json(at: p))
            #expect(errors.isEmpty, "\(p):\n\(errors.joined(separator: "\n"))")
        }
    }

    /// A change to the sample and whether the engine itself rejects the result too (by
    /// KeyCheck, by decoding, or only later in composition, which these tests do not run).
    struct Mutation: Sendable, CustomTestStringConvertible {
        enum Engine: Sendable { case keyCheck, decoder, later }
        var testDescription: String
        var engine: Engine
        var path: [String]
        var change: @Sendable (inout Any?) -> Void
    }

    static let mutations: [Mutation] = [
        Mutation(testDescription: "unknown root key", engine: .keyCheck, path: ["colour"]) { $0 = "#000000" },
        Mutation(testDescription: "typo in an element key", engine: .keyCheck, path: ["pages", "0", "elements", "id=lead", "colum"]) { $0 = 3 },
        Mutation(testDescription: "unknown headline key", engine: .keyCheck, path: ["pages", "0", "elements", "id=lead", "headline", "size"]) { $0 = "一号" },
        Mutation(testDescription: "unknown page key", engine: .keyCheck, path: ["pages", "1", "templte"]) { $0 = "broadsheet" },
        Mutation(testDescription: "missing date", engine: .decoder, path: ["date"]) { $0 = nil },
        Mutation(testDescription: "missing paper name", engine: .decoder, path: ["paper", "name"]) { $0 = nil },
        Mutation(testDescription: "missing ad file", engine: .decoder, path: ["pages", "0", "elements", "type=ad", "file"]) { $0 = nil },
        Mutation(testDescription: "missing continuation of", engine: .decoder, path: ["pages", "1", "elements", "type=continuation", "of"]) { $0 = nil },
        Mutation(testDescription: "unknown element type", engine: .decoder, path: ["pages", "0", "elements", "type=rule", "type"]) { $0 = "sidebar" },
        Mutation(testDescription: "bad length unit", engine: .decoder, path: ["styles"]) { $0 = ["body": ["size": "9px"]] },
        Mutation(testDescription: "ad without slot or full position", engine: .later, path: ["pages", "0", "elements", "type=ad", "span"]) { $0 = nil },
        Mutation(testDescription: "string column", engine: .decoder, path: ["pages", "0", "elements", "type=photo", "column"]) { $0 = "1" },
        Mutation(testDescription: "column 0", engine: .later, path: ["pages", "0", "elements", "id=lead", "column"]) { $0 = 0 },
        Mutation(testDescription: "negative top", engine: .later, path: ["pages", "0", "elements", "type=rule", "top"]) { $0 = -1 },
        Mutation(testDescription: "bad orientation", engine: .later, path: ["pages", "0", "elements", "orientation=vertical", "orientation"]) { $0 = "diagonal" },
        Mutation(testDescription: "bad date", engine: .later, path: ["date"]) { $0 = "2025-1-10" },
        Mutation(testDescription: "article without grid or shape", engine: .later, path: ["pages", "0", "elements", "id=lead", "height"]) { $0 = nil },
    ]

    static func mutate(_ value: Any?, _ path: ArraySlice<String>, _ change: (inout Any?) -> Void) -> Any? {
        guard let key = path.first else { var v = value; change(&v); return v }
        if var d = value as? [String: Any] {
            if let v = mutate(d[key], path.dropFirst(), change) { d[key] = v } else { d[key] = nil }
            return d
        }
        // In an array, "3" is an index and "id=lead" the first object whose `id` is "lead".
        let pair = key.split(separator: "=", maxSplits: 1).map(String.init)
        if var a = value as? [Any], pair.count == 2,
           let i = a.firstIndex(where: { ($0 as? [String: Any])?[pair[0]] as? String == pair[1] }) {
            if let v = mutate(a[i], path.dropFirst(), change) { a[i] = v }
            return a
        }
        if var a = value as? [Any], let i = Int(key), a.indices.contains(i) {
            if let v = mutate(a[i], path.dropFirst(), change) { a[i] = v }
            return a
        }
        Testing.Issue.record("path \(path) does not exist in the sample")
        return value
    }

    @Test(arguments: mutations)
    func brokenSampleIsRejected(_ m: Mutation) throws {
        let sample = try Self.object(at: Self.samplePath)
        // The path must reach into the sample (or add a key to an existing object).
        let broken = try #require(Self.mutate(sample, m.path[...], m.change) as? [String: Any])
        #expect(try Self.canonical(broken) != Self.canonical(sample), "the mutation changed nothing")
        let errors = SchemaValidator(root: try Self.issueSchema()).validate(broken)
        #expect(!errors.isEmpty, Comment(rawValue: "the schema accepts the sample with \(m.testDescription)"))
        let data = try JSONSerialization.data(withJSONObject: broken)
        switch m.engine {
        case .keyCheck:
            #expect(throws: LayoutError.self) { try KeyCheck.check(data, file: "sample") }
        case .decoder:
            #expect(throws: (any Error).self) { try JSONDecoder().decode(Issue.self, from: data) }
        case .later:
            break
        }
    }

    @Test func brokenTemplatesAreRejected() throws {
        let v = SchemaValidator(root: try Self.templateSchema())
        let inside = try Self.object(at: Self.layouts + "/templates/broadsheet.json")
        let front = try Self.object(at: Self.layouts + "/templates/broadsheet-front.json")
        var noGrid = inside; noGrid["grid"] = nil
        #expect(!v.validate(noGrid).isEmpty, "a template without base and grid is accepted")
        var partialGrid = inside; partialGrid["grid"] = ["columns": 8]
        #expect(!v.validate(partialGrid).isEmpty, "a template without base and with half a grid is accepted")
        var derived = front; derived["grid"] = ["lines": 90]
        #expect(v.validate(derived).isEmpty, "a derived template may override part of the grid")
        var badSlot = front; badSlot["slots"] = ["half": ["column": 1, "span": 8, "top": 52]]
        #expect(!v.validate(badSlot).isEmpty, "a slot without height is accepted")
        var typo = front; typo["mastehad"] = typo["masthead"]
        #expect(!v.validate(typo).isEmpty, "an unknown template key is accepted")
        var badStyle = inside
        var styles = inside["styles"] as? [String: Any] ?? [:]
        styles["body"] = ["font": "body", "align": "centre"]
        badStyle["styles"] = styles
        #expect(!v.validate(badStyle).isEmpty, "a bad alignment is accepted")
    }

    // MARK: - The schemas themselves

    @Test(arguments: ["issue.schema.json", "template.schema.json"])
    func schemaUsesOnlyWhatTheValidatorKnows(_ file: String) throws {
        let root = try Self.object(at: Self.layouts + "/" + file)
        #expect(root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let v = SchemaValidator(root: root)
        var problems: [String] = []
        var objects = 0
        func walk(_ s: [String: Any], _ path: String) {
            for k in s.keys where !SchemaValidator.keywords.contains(k) && !SchemaValidator.annotations.contains(k) {
                problems.append("\(path): unsupported keyword '\(k)'")
            }
            if let r = s["$ref"] as? String, v.resolve(["$ref": r]) == nil { problems.append("\(path): $ref \(r) does not resolve") }
            if let props = s["properties"] as? [String: Any] {
                let isObject = s["type"] as? String == "object"
                if isObject {
                    objects += 1
                    if s["additionalProperties"] as? Bool != false { problems.append("\(path): object without additionalProperties false") }
                    if (s["description"] as? String ?? "").isEmpty { problems.append("\(path): object without description") }
                }
                for (name, p) in props {
                    guard let p = p as? [String: Any] else { problems.append("\(path).\(name): not a schema"); continue }
                    if isObject, (p["description"] as? String ?? "").count < 8 { problems.append("\(path).\(name): no description") }
                    walk(p, "\(path).\(name)")
                }
            }
            for k in ["additionalProperties", "items", "if", "then", "else"] {
                if let sub = s[k] as? [String: Any] { walk(sub, "\(path)/\(k)") }
            }
            for k in ["oneOf", "anyOf"] {
                for (i, sub) in (s[k] as? [[String: Any]] ?? []).enumerated() { walk(sub, "\(path)/\(k)[\(i)]") }
            }
            for (name, sub) in s["$defs"] as? [String: Any] ?? [:] {
                if let sub = sub as? [String: Any] { walk(sub, "#/$defs/\(name)") } else { problems.append("$defs/\(name): not a schema") }
            }
        }
        walk(root, "#")
        #expect(objects >= 5)
        #expect(problems.isEmpty, "\(problems.sorted().joined(separator: "\n"))")
    }

    /// Grid positions and counts: 1-based columns and pages, 0-based lines, at least one of
    /// everything else — the bounds IssueValidator and TemplateLoader enforce.
    @Test(arguments: ["issue.schema.json", "template.schema.json"])
    func integerFieldsHaveTheirMinimums(_ file: String) throws {
        let root = try Self.object(at: Self.layouts + "/" + file)
        let expected: [String: Double] = ["column": 1, "span": 1, "top": 0, "height": 1, "bodyColumns": 1, "page": 1,
                                          "number": 1, "columns": 1, "lines": 1, "index": 0]
        var seen: Set<String> = [], problems: [String] = []
        func walk(_ v: Any, _ path: String) {
            if let d = v as? [String: Any] {
                for (name, p) in d["properties"] as? [String: Any] ?? [:] {
                    guard let p = p as? [String: Any], p["type"] as? String == "integer" else { continue }
                    seen.insert(name)
                    let min = p["minimum"].flatMap(SchemaValidator.number)
                    if let want = expected[name] {
                        if min != want { problems.append("\(path).\(name): minimum \(min.map { "\($0)" } ?? "none"), expected \(want)") }
                    } else {
                        problems.append("\(path).\(name): integer field this test has no minimum for")
                    }
                }
                for (k, x) in d { walk(x, path + "/" + k) }
            } else if let a = v as? [Any] {
                for (i, x) in a.enumerated() { walk(x, "\(path)[\(i)]") }
            }
        }
        walk(root, "#")
        #expect(seen.isSuperset(of: ["column", "span", "top", "height"]))
        #expect(problems.isEmpty, Comment(rawValue: problems.sorted().joined(separator: "\n")))
    }

    /// The object form of an article body: its keys are BodySource's coding keys.
    @Test func bodyObjectMatchesBodySource() throws {
        let body = try Self.def(try Self.issueSchema(), "bodyFile")
        let props = Self.propertyNames(body).subtracting(KeyCheck.common)
        #expect(!props.isEmpty)
        for p in props { #expect(BodySource.Keys(rawValue: p) != nil, Comment(rawValue: "schema body key '\(p)' is not a BodySource key")) }
        for source in [BodySource.file("a.txt"), .files(["a.txt", "b.txt"])] {
            let data = try JSONEncoder().encode(source)
            let keys = Set((try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]).keys)
            #expect(keys.isSubset(of: props), Comment(rawValue: "BodySource writes \(keys.sorted()), the schema has \(props.sorted())"))
            let errors = SchemaValidator(root: try Self.issueSchema()).validate(try JSONSerialization.jsonObject(with: data), against: try Self.def(try Self.issueSchema(), "body"))
            #expect(errors.isEmpty, Comment(rawValue: errors.joined(separator: "\n")))
        }
    }

    @Test func validatorCatchesEachKeyword() throws {
        func parse(_ json: String) throws -> Any {
            try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
        }
        let schema = try #require(try parse(#"""
            { "$defs": { "n": { "type": "integer", "minimum": 1, "maximum": 3 } },
              "type": "object", "additionalProperties": false, "required": ["a"],
              "properties": {
                "a": { "$ref": "#/$defs/n" }, "b": { "enum": ["x", "y"] }, "c": { "type": "string", "pattern": "^[0-9]+$" },
                "d": { "type": "array", "items": { "type": "number" }, "minItems": 1, "maxItems": 2 },
                "e": { "oneOf": [ { "type": "object", "properties": { "type": { "const": "p" } }, "required": ["type"] },
                                  { "type": "object", "properties": { "type": { "const": "q" }, "z": { "type": "boolean" } }, "required": ["type", "z"] } ] },
                "f": { "anyOf": [ { "type": "string" }, { "type": "integer" } ] },
                "g": { "type": "object", "if": { "required": ["k"] }, "else": { "required": ["m"] } },
                "h": { "oneOf": [ { "type": "number" }, { "type": "integer" } ] },
                "m": { "type": "object", "additionalProperties": { "type": "boolean" } } } }
            """#) as? [String: Any])
        let v = SchemaValidator(root: schema)
        let good = try parse(#"{"a": 2, "b": "x", "c": "12", "d": [1.5], "e": {"type": "q", "z": true}, "f": 3, "g": {"k": 1}, "h": 1.5, "m": {"x": false}}"#)
        #expect(v.validate(good).isEmpty, Comment(rawValue: "\(v.validate(good))"))
        let bad = [
            "{}", #"{"a": 0}"#, #"{"a": 4}"#, #"{"a": 1.5}"#, #"{"a": true}"#, #"{"a": "1"}"#, #"{"a": 1, "zz": 1}"#,
            #"{"a": 1, "b": "w"}"#, #"{"a": 1, "c": "1a"}"#, #"{"a": 1, "d": []}"#, #"{"a": 1, "d": [1, 2, 3]}"#,
            #"{"a": 1, "d": ["1"]}"#, #"{"a": 1, "e": {"type": "r"}}"#, #"{"a": 1, "e": {"type": "q"}}"#,
            #"{"a": 1, "f": 1.5}"#, #"{"a": 1, "g": {}}"#, #"{"a": 1, "h": 2}"#, #"{"a": 1, "m": {"x": 1}}"#, "[]",
        ]
        for b in bad { #expect(!v.validate(try parse(b)).isEmpty, Comment(rawValue: "accepted \(b)")) }
    }
}

/// A validator for the subset of JSON Schema 2020-12 that the Broadsheet schemas use. It works
/// on the values `JSONSerialization` produces and returns readable errors with JSON paths.
struct SchemaValidator {
    static let keywords: Set<String> = [
        "type", "properties", "required", "additionalProperties", "enum", "const", "pattern", "minimum", "maximum",
        "items", "minItems", "maxItems", "oneOf", "anyOf", "if", "then", "else", "$ref",
    ]
    static let annotations: Set<String> = ["$schema", "$id", "$defs", "$comment", "title", "description"]

    let root: [String: Any]

    func validate(_ value: Any) -> [String] { validate(value, against: root) }

    func validate(_ value: Any, against schema: [String: Any]) -> [String] {
        var errors: [String] = []
        check(value, schema, "$", &errors)
        return errors
    }

    /// Follows a `$ref` ("#/$defs/name", any JSON pointer into the root) to its schema.
    func resolve(_ schema: [String: Any]) -> [String: Any]? {
        guard let ref = schema["$ref"] as? String else { return schema }
        guard ref.hasPrefix("#") else { return nil }
        var node: Any = root
        for raw in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let d = node as? [String: Any], let next = d[key] { node = next }
            else if let a = node as? [Any], let i = Int(key), a.indices.contains(i) { node = a[i] }
            else { return nil }
        }
        return node as? [String: Any]
    }

    /// The `const` of a schema's `type` property: how `oneOf` branches of elements are told apart.
    func typeConst(_ schema: [String: Any]) -> String? {
        ((schema["properties"] as? [String: Any])?["type"] as? [String: Any])?["const"] as? String
    }

    static func isBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return v is Bool }
        return String(cString: n.objCType) == "c"
    }
    static func number(_ v: Any) -> Double? {
        if isBool(v) { return nil }
        if let n = v as? NSNumber { return n.doubleValue }
        if let i = v as? Int { return Double(i) }
        return v as? Double
    }

    static func jsonType(_ v: Any) -> String {
        if v is NSNull { return "null" }
        if isBool(v) { return "boolean" }
        if let d = number(v) { return d == d.rounded() ? "integer" : "number" }
        if v is String { return "string" }
        if v is [Any] { return "array" }
        if v is [String: Any] { return "object" }
        return "unknown"
    }

    static func equal(_ a: Any, _ b: Any) -> Bool {
        if isBool(a) != isBool(b) { return false }
        if let x = number(a), let y = number(b) { return x == y }
        if let x = a as? String, let y = b as? String { return x == y }
        return false
    }

    static func show(_ v: Any) -> String {
        if let s = v as? String { return "'\(s)'" }
        if let data = try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed, .sortedKeys]) {
            return String(decoding: data, as: UTF8.self)
        }
        return "\(v)"
    }

    func check(_ value: Any, _ schema: [String: Any], _ path: String, _ errors: inout [String]) {
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(schema) else { errors.append("\(path): schema $ref \(ref) does not resolve"); return }
            check(value, target, path, &errors)
        }
        let t = Self.jsonType(value)
        if let want = schema["type"] as? String {
            let ok = want == t || (want == "number" && t == "integer")
            if !ok { errors.append("\(path): expected \(want), found \(t) \(Self.show(value))"); return }
        }
        if let c = schema["const"], !Self.equal(value, c) { errors.append("\(path): must be \(Self.show(c)), not \(Self.show(value))") }
        if let e = schema["enum"] as? [Any], !e.contains(where: { Self.equal(value, $0) }) {
            errors.append("\(path): \(Self.show(value)) is not one of \(e.map(Self.show).joined(separator: ", "))")
        }
        if let p = schema["pattern"] as? String, let s = value as? String {
            if let re = try? NSRegularExpression(pattern: p) {
                if re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                    errors.append("\(path): '\(s)' does not match \(p)")
                }
            } else { errors.append("\(path): schema pattern \(p) does not compile") }
        }
        if let d = Self.number(value) {
            if let m = schema["minimum"].flatMap(Self.number), d < m { errors.append("\(path): \(Self.show(value)) is less than \(Self.show(m))") }
            if let m = schema["maximum"].flatMap(Self.number), d > m { errors.append("\(path): \(Self.show(value)) is more than \(Self.show(m))") }
        }
        if let a = value as? [Any] {
            if let m = schema["minItems"].flatMap(Self.number), Double(a.count) < m { errors.append("\(path): needs at least \(Int(m)) items") }
            if let m = schema["maxItems"].flatMap(Self.number), Double(a.count) > m { errors.append("\(path): allows at most \(Int(m)) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, x) in a.enumerated() { check(x, items, "\(path)[\(i)]", &errors) }
            }
        }
        if let o = value as? [String: Any] {
            for r in schema["required"] as? [String] ?? [] where o[r] == nil { errors.append("\(path): missing required field '\(r)'") }
            let props = schema["properties"] as? [String: Any] ?? [:]
            for (k, x) in o {
                if let ps = props[k] as? [String: Any] {
                    check(x, ps, "\(path).\(k)", &errors)
                } else if schema["additionalProperties"] as? Bool == false {
                    errors.append("\(path): unknown field '\(k)'")
                } else if let ap = schema["additionalProperties"] as? [String: Any] {
                    check(x, ap, "\(path).\(k)", &errors)
                }
            }
        }
        if let branches = schema["oneOf"] as? [[String: Any]] {
            let resolved = branches.map { resolve($0) ?? [:] }
            let consts = resolved.map(typeConst)
            if let o = value as? [String: Any], !consts.isEmpty, consts.allSatisfy({ $0 != nil }) {
                // Discriminated by `type`: report the chosen branch's errors, not every branch's.
                let known = consts.compactMap { $0 }
                if let type = o["type"] as? String, let i = known.firstIndex(of: type) {
                    check(value, resolved[i], path, &errors)
                } else {
                    errors.append("\(path).type: \(o["type"].map(Self.show) ?? "missing"), expected one of \(known.joined(separator: ", "))")
                }
            } else {
                let passing = branches.filter { validate(value, against: $0).isEmpty }.count
                if passing != 1 {
                    errors.append("\(path): \(Self.show(value)) matches \(passing) of the \(branches.count) alternatives, not exactly one")
                }
            }
        }
        if let branches = schema["anyOf"] as? [[String: Any]], !branches.contains(where: { validate(value, against: $0).isEmpty }) {
            var detail: [String] = []
            for b in branches { detail += validate(value, against: b) }
            errors.append("\(path): matches none of the alternatives (\(detail.joined(separator: "; ")))")
        }
        if let cond = schema["if"] as? [String: Any] {
            if validate(value, against: cond).isEmpty {
                if let then = schema["then"] as? [String: Any] { check(value, then, path, &errors) }
            } else if let els = schema["else"] as? [String: Any] {
                check(value, els, path, &errors)
            }
        }
    }
}
